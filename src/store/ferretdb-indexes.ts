import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * FerretDB 1.24 on PostgreSQL answers an equality filter on `field` with the condition
 * `_jsonb->'field' @> <value>`, which the btree expression indexes it builds for a collection's
 * indexes cannot serve: every lookup scans the collection's table. A GIN index on the same
 * expression with `jsonb_path_ops` serves exactly that condition. This mirrors every index FerretDB
 * keeps for a database (each of its key fields, `_id` included) as such an index on the
 * collection's table, and drops the mirrors of indexes that are gone. Without `fastupdate`: new
 * entries go straight into the index instead of a pending list that every lookup would scan until
 * the next vacuum (tens of milliseconds after a burst of inserts).
 *
 * Local stack only (LOCAL_STACK_POSTGRES_URL): it reaches under FerretDB into its PostgreSQL, whose
 * layout is FerretDB 1.24's (the metadata table `_ferretdb_database_metadata` in the database's
 * schema names each collection's table and indexes).
 */

/** Ends every mirrored index's name, so that mirrors can be told from FerretDB's own indexes. */
const MIRROR_SUFFIX = '_cpgin';
/** PostgreSQL's identifier length limit. */
const MAX_IDENTIFIER = 63;

interface CollectionMetadata {
  table: string;
  indexes: { key: Record<string, unknown> }[] | null;
}

/**
 * The mirror's name for `field` on `table`: deterministic (so `CREATE INDEX IF NOT EXISTS` finds it
 * again), readable, unique per field and within PostgreSQL's limit.
 */
export function mirrorIndexName(table: string, field: string): string {
  const hash = createHash('sha256').update(field).digest('hex').slice(0, 8);
  const readable = `${table}_${field.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  return `${readable.slice(0, MAX_IDENTIFIER - hash.length - MIRROR_SUFFIX.length - 1)}_${hash}${MIRROR_SUFFIX}`;
}

/** Top-level key fields only: FerretDB pushes down no filter on a dotted path. */
const mirroredFields = (indexes: CollectionMetadata['indexes']) =>
  [...new Set((indexes ?? []).flatMap((index) => Object.keys(index.key)))].filter(
    (field) => !field.includes('.') && !field.startsWith('$'),
  );

/**
 * Mirrors the indexes of FerretDB database `databaseName` (a PostgreSQL schema of the same name).
 * Idempotent; concurrent callers (the API and the worker starting together) take turns.
 * Returns the names of the mirrored indexes now in place.
 */
export async function mirrorFerretdbIndexes(postgresUrl: string, databaseName: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const schema = client.escapeIdentifier(databaseName);
  const lockKey = `convo-pilot index mirror ${databaseName}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    const metadataTable = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
      `${schema}._ferretdb_database_metadata`,
    ]);
    if (!metadataTable.rows[0]?.found) return [];
    const collections = await client.query<CollectionMetadata>(
      `SELECT _jsonb->>'table' AS table, _jsonb->'indexes' AS indexes FROM ${schema}._ferretdb_database_metadata`,
    );
    const mirrored: string[] = [];
    for (const { table, indexes } of collections.rows) {
      const wanted = new Map(mirroredFields(indexes).map((field) => [mirrorIndexName(table, field), field]));
      const existing = await client.query<{ indexname: string }>(
        'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname LIKE $3',
        [databaseName, table, `%${MIRROR_SUFFIX}`],
      );
      for (const { indexname } of existing.rows) {
        if (!wanted.has(indexname))
          await client.query(`DROP INDEX IF EXISTS ${schema}.${client.escapeIdentifier(indexname)}`);
      }
      for (const [name, field] of wanted) {
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${client.escapeIdentifier(name)} ON ${schema}.${client.escapeIdentifier(table)}` +
            ` USING gin ((_jsonb -> ${client.escapeLiteral(field)}) jsonb_path_ops) WITH (fastupdate = off)`,
        );
        mirrored.push(name);
      }
    }
    return mirrored;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await client.end();
  }
}
