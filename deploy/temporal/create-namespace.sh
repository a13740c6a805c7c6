#!/bin/sh
# One-shot (temporalio/admin-tools): waits for the Temporal frontend and creates the namespace once.
set -eu
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  echo 'waiting for Temporal...'
  sleep 2
done
temporal operator namespace describe --address "$TEMPORAL_ADDRESS" -n "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" -n "$TEMPORAL_NAMESPACE" --retention 7d
echo "namespace $TEMPORAL_NAMESPACE ready"
