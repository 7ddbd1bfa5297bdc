#!/usr/bin/env bash
# One line per component of the local infrastructure (up/down, port, pid).
# Exit 0 only if all three are up. Fast checks: PostgreSQL pg_isready,
# Kafka an ApiVersions request over TCP, S3Proxy an HTTP request.
# Usage: infra/local/status.sh   (from any directory)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=env.sh
source "$ROOT/infra/local/env.sh"

if [[ ! -s "$INFRA_ENV_FILE" ]]; then
  printf '%-9s %-5s %s\n' postgres down "(no $INFRA_ENV_FILE: run infra/local/up.sh)"
  printf '%-9s %-5s\n' kafka down s3proxy down
  exit 1
fi
MOTCUA_INFRA_QUIET=1 load_infra_env

all_up=0
# line NAME STATE PORT PID [NOTE]
line() {
  printf '%-9s %-5s port=%-6s pid=%-8s %s\n' "$1" "$2" "$3" "${4:--}" "${5:-}"
  [[ "$2" == up ]] || all_up=1
}

pid="$(pg_pid || true)"
if [[ -n "$pid" ]] && pg_healthy; then
  line postgres up "$PG_PORT" "$pid" "$PG_HOST:$PG_PORT db=$PG_DATABASE socket=$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT"
elif [[ -n "$pid" ]]; then
  line postgres down "$PG_PORT" "$pid" "process alive but not answering (log: $PG_LOG)"
else
  line postgres down "$PG_PORT" "" ""
fi

pid="$(daemon_pid "$KAFKA_PID_FILE" "$KAFKA_CONFIG" || true)"
if [[ -n "$pid" ]] && kafka_healthy; then
  line kafka up "$KAFKA_PORT" "$pid" "$KAFKA_BROKERS"
elif [[ -n "$pid" ]]; then
  line kafka down "$KAFKA_PORT" "$pid" "process alive but not answering (log: $KAFKA_LOG)"
else
  line kafka down "$KAFKA_PORT" "" ""
fi

pid="$(daemon_pid "$S3_PID_FILE" "$S3_CONFIG" || true)"
if [[ -n "$pid" ]] && s3_healthy; then
  line s3proxy up "$S3_PORT" "$pid" "$S3_ENDPOINT"
elif [[ -n "$pid" ]]; then
  line s3proxy down "$S3_PORT" "$pid" "process alive but not answering (log: $S3_LOG)"
else
  line s3proxy down "$S3_PORT" "" ""
fi

exit "$all_up"
