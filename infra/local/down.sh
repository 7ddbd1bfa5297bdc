#!/usr/bin/env bash
# Stops the local infrastructure started by up.sh: S3Proxy and Kafka by pid
# file (SIGTERM, wait up to STOP_TIMEOUT s, then SIGKILL), PostgreSQL with
# pg_ctl stop -m fast. Idempotent. Data under .local/ is kept.
# Usage: infra/local/down.sh   (from any directory)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=env.sh
source "$ROOT/infra/local/env.sh"

if [[ ! -d "$LOCAL_DIR" ]]; then
  log "nothing to stop ($LOCAL_DIR does not exist)"
  exit 0
fi
mkdir -p "$RUN_DIR"
exec 9>"$RUN_DIR/lock"
if ! flock -w 600 9; then
  die "another up.sh/down.sh holds $RUN_DIR/lock"
fi

# S3Proxy and Kafka stop in parallel (Kafka's controlled shutdown takes a few s)
rc=0
stop_pid s3proxy "$S3_PID_FILE" 9>&- &
s3_job=$!
stop_pid kafka "$KAFKA_PID_FILE" 9>&- &
kafka_job=$!

if pg_running; then
  log "postgres: stopping (pg_ctl stop -m fast)"
  if ! as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$STOP_TIMEOUT" -s; then
    log "postgres: fast stop did not finish in ${STOP_TIMEOUT}s, trying immediate"
    as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t "$STOP_TIMEOUT" -s || rc=1
  fi
  log "postgres: stopped"
else
  log "postgres: not running"
fi

wait "$s3_job" || rc=1
wait "$kafka_job" || rc=1
exit "$rc"
