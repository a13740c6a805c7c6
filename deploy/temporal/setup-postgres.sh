#!/bin/sh
# One-shot (temporalio/admin-tools): creates Temporal's two PostgreSQL databases and brings their
# schemas to the version of the admin-tools image. Safe to re-run: an existing database or schema
# is left as it is, and update-schema only applies the missing versions.
set -eu
# temporal-sql-tool reads the password from SQL_PASSWORD.
sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"; }

for db in temporal temporal_visibility; do
  sql --db "$db" create || echo "database $db already exists"
done
sql --db temporal setup-schema -v 0.0 || echo 'temporal schema already set up'
sql --db temporal update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned
sql --db temporal_visibility setup-schema -v 0.0 || echo 'visibility schema already set up'
sql --db temporal_visibility update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned
echo 'Temporal schema is up to date'
