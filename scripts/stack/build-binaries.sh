#!/usr/bin/env bash
# Builds the local stack's binaries once, from package registries only, into a cache
# outside the repository (CONVO_PILOT_CACHE, default ~/.cache/convo-pilot) so every clone reuses them:
#   bin/temporal           Temporal CLI dev server + web UI (go install, ~8-10 min on 2 cores)
#   bin/ferretdb           FerretDB 1.24.2, MongoDB wire protocol on PostgreSQL (Go module build)
#   bin/temporal-test-server  Java time-skipping test server (Maven Central) behind a 2-line wrapper
# Usage: build-binaries.sh [temporal|ferretdb|test-server ...]   (default: all)
set -euo pipefail

CACHE="${CONVO_PILOT_CACHE:-$HOME/.cache/convo-pilot}"
BIN="$CACHE/bin"
mkdir -p "$BIN"

TEMPORAL_CLI_VERSION=v1.5.1      # later tags carry a `replace` directive and refuse `go install`
FERRETDB_VERSION=v1.24.2
TEST_SERVER_VERSION=1.31.0

log() { printf '[build-binaries] %s\n' "$*" >&2; }

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "ERROR: '$1' is not installed. The local stack is built from source with Go (temporal, ferretdb)"
  log "and Java + Maven (time-skipping test server). Install them, or run the service against"
  log "real servers with docker-compose.yml (set TEMPORAL_ADDRESS and MONGODB_URI)."
  exit 3
}

# Prints a dot every 15 s so a long build is visibly alive.
with_progress() {
  ( while sleep 15; do printf '.' >&2; done ) &
  local ticker=$!
  local rc=0
  "$@" || rc=$?
  kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
  printf '\n' >&2
  return $rc
}

build_temporal() {
  [ -x "$BIN/temporal" ] && return 0
  need go
  log "first run builds the Temporal dev server $TEMPORAL_CLI_VERSION with its UI (~10 min on 2 cores)"
  local start=$SECONDS
  with_progress env GOBIN="$BIN.tmp-temporal" GOFLAGS=-buildvcs=false \
    go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  mv "$BIN.tmp-temporal/temporal" "$BIN/temporal" && rmdir "$BIN.tmp-temporal"
  log "temporal built in $((SECONDS - start)) s"
}

build_ferretdb() {
  [ -x "$BIN/ferretdb" ] && return 0
  need go
  log "building FerretDB $FERRETDB_VERSION (~1-3 min the first time)"
  local start=$SECONDS src
  # `go install` is refused by the module proxy's version list and a plain module build panics
  # on a missing build/version/version.txt, so build a writable copy of the module source.
  src=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  local work="$CACHE/src/ferretdb-$FERRETDB_VERSION"
  rm -rf "$work"; mkdir -p "$(dirname "$work")"
  cp -r "$src" "$work"; chmod -R u+w "$work"
  echo "$FERRETDB_VERSION" > "$work/build/version/version.txt"
  (cd "$work" && with_progress env GOFLAGS=-buildvcs=false go build -o "$BIN/ferretdb.tmp" ./cmd/ferretdb)
  mv "$BIN/ferretdb.tmp" "$BIN/ferretdb"
  log "ferretdb built in $((SECONDS - start)) s"
}

build_test_server() {
  [ -x "$BIN/temporal-test-server" ] && return 0
  need java; need mvn
  log "fetching the Temporal Java time-skipping test server $TEST_SERVER_VERSION from Maven Central"
  local dir="$CACHE/temporal-test-server-$TEST_SERVER_VERSION"
  mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>convo-pilot</groupId><artifactId>temporal-test-server-classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version></dependency>
  </dependencies>
</project>
POM
  (cd "$dir" && with_progress mvn -q -B dependency:build-classpath -Dmdep.outputFile=classpath.txt >&2)
  printf '#!/bin/sh\nexec java -cp "%s" io.temporal.testserver.TestServer "$@"\n' "$(cat "$dir/classpath.txt")" > "$BIN/temporal-test-server.tmp"
  chmod +x "$BIN/temporal-test-server.tmp"; mv "$BIN/temporal-test-server.tmp" "$BIN/temporal-test-server"
  log "test server ready"
}

targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(test-server ferretdb temporal)
for t in "${targets[@]}"; do
  case "$t" in
    temporal) build_temporal ;;
    ferretdb) build_ferretdb ;;
    test-server) build_test_server ;;
    *) log "unknown target $t"; exit 2 ;;
  esac
done
