# shellcheck shell=bash disable=SC2034 # settings used by the scripts that source this file
# Shared settings and helpers of the local infrastructure scripts
# (up.sh, down.sh, status.sh). Sourced, never executed.
#
# Everything lives under $ROOT/.local (git-ignored):
#   .local/infra.env                  generated credentials (KEY=VALUE)
#   .local/jwt/dev-es256-*.pem        generated ES256 key pair
#   .local/pg/data                    PostgreSQL cluster (owned by postgres)
#   .local/kafka/data                 Kafka KRaft log dir
#   .local/s3/data                    S3Proxy filesystem blob store
#   .local/logs/{postgres,kafka,s3proxy}.log
#   .local/run/*.pid                  pid files (postgres: .local/pg/data/postmaster.pid)

if [[ -z "${MOTCUA_INFRA_ENV_LOADED:-}" ]]; then
MOTCUA_INFRA_ENV_LOADED=1

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$INFRA_DIR/../.." && pwd)"
LOCAL_DIR="$ROOT/.local"
LOG_DIR="$LOCAL_DIR/logs"
RUN_DIR="$LOCAL_DIR/run"
INFRA_ENV_FILE="$LOCAL_DIR/infra.env"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_OS_USER="${PG_OS_USER:-postgres}"
PG_DIR="$LOCAL_DIR/pg"
PG_DATA="$PG_DIR/data"
# Unix socket directory. /tmp: always traversable by the postgres user and
# short (a socket path must stay < 107 chars, which a deep clone path could
# break). The socket is /tmp/.s.PGSQL.$PG_PORT.
PG_SOCKET_DIR="${PG_SOCKET_DIR:-/tmp}"
PG_LOG="$LOG_DIR/postgres.log"

KAFKA_DIR="$LOCAL_DIR/kafka"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONFIG="$KAFKA_DIR/server.properties"
KAFKA_CLASSPATH_FILE="$KAFKA_DIR/classpath.txt"
KAFKA_POM="$INFRA_DIR/kafka/pom.xml"
KAFKA_LOG="$LOG_DIR/kafka.log"
KAFKA_PID_FILE="$RUN_DIR/kafka.pid"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"

S3_DIR="$LOCAL_DIR/s3"
S3_DATA="$S3_DIR/data"
S3_CONFIG="$S3_DIR/s3proxy.properties"
S3_CLASSPATH_FILE="$S3_DIR/classpath.txt"
S3_POM="$INFRA_DIR/s3proxy/pom.xml"
S3_LOG="$LOG_DIR/s3proxy.log"
S3_PID_FILE="$RUN_DIR/s3proxy.pid"
S3_HEAP_OPTS="${S3_HEAP_OPTS:--Xmx512m}"

JAVA="${JAVA:-java}"

# seconds
START_TIMEOUT="${START_TIMEOUT:-120}"
STOP_TIMEOUT="${STOP_TIMEOUT:-60}"

# The keys of .local/infra.env, in file order. Other code depends on them.
INFRA_ENV_KEYS=(
  PG_HOST PG_PORT PG_SUPERUSER PG_SUPERUSER_PASSWORD PG_DATABASE PG_APP_PASSWORD
  KAFKA_BROKERS
  S3_ENDPOINT S3_REGION S3_ACCESS_KEY S3_SECRET_KEY
  JWT_PRIVATE_KEY_FILE JWT_PUBLIC_KEY_FILE JWT_ISSUER
)

# ---------------------------------------------------------------- output
log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# show_log_tail FILE [LINES]
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -f "$file" ]]; then
    printf '[infra] ---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf '[infra] ---- end of %s ----\n' "$file" >&2
  else
    printf '[infra] (no log file %s)\n' "$file" >&2
  fi
}

# ---------------------------------------------------------------- processes
# pid_alive PID
pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# read_pid FILE  -> prints the pid if the file holds one of a live process
read_pid() {
  local file="$1" pid
  [[ -f "$file" ]] || return 1
  pid="$(head -n 1 "$file" 2>/dev/null | tr -dc '0-9')"
  pid_alive "$pid" || return 1
  printf '%s\n' "$pid"
}

# port_in_use PORT: something on this machine listens on 127.0.0.1/any:PORT
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# stop_pid NAME PIDFILE: SIGTERM, wait up to STOP_TIMEOUT s, then SIGKILL.
stop_pid() {
  local name="$1" file="$2" pid i
  if ! pid="$(read_pid "$file")"; then
    rm -f "$file"
    log "$name: not running"
    return 0
  fi
  log "$name: stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    log "$name: still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
  fi
  rm -f "$file"
  log "$name: stopped"
}

# start_daemon PIDFILE LOGFILE CMD...: runs CMD detached (own session, no
# stdin, stdout+stderr appended to LOGFILE); the pid file holds CMD's pid.
start_daemon() {
  local pidfile="$1" logfile="$2"
  shift 2
  rm -f "$pidfile"
  local arg main=""
  for arg in "${@:2}"; do
    case "$arg" in
      -* | */*) ;;
      *) [[ -n "$main" ]] || main="$arg" ;;
    esac
  done
  printf '\n===== %s up.sh starts %s (main %s) =====\n' "$(date '+%F %T')" "$(basename "$1")" "${main:-?}" >>"$logfile"
  # shellcheck disable=SC2016 # $$ / "$@" expand in the child shell
  # fd 9 (the lock of up.sh/down.sh) must not leak into the daemon
  setsid bash -c 'echo "$$" >"$0"; exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  die "could not start: $* (no pid file $pidfile)"
}

# ---------------------------------------------------------------- credentials
# Creates .local/infra.env once (values: env var of the same name if set,
# else default / random secret). Afterwards the file is the single source of
# truth and is never rewritten.
ensure_infra_env() {
  mkdir -p "$LOCAL_DIR"
  if [[ -s "$INFRA_ENV_FILE" ]]; then
    return 0
  fi
  command -v openssl >/dev/null || die "openssl is required"
  log "generating $INFRA_ENV_FILE (first start)"
  local tmp="$INFRA_ENV_FILE.tmp.$$"
  (
    umask 077
    cat >"$tmp" <<EOF
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5433}
PG_SUPERUSER=${PG_SUPERUSER:-motcua_admin}
PG_SUPERUSER_PASSWORD=${PG_SUPERUSER_PASSWORD:-$(openssl rand -hex 24)}
PG_DATABASE=${PG_DATABASE:-motcua}
PG_APP_PASSWORD=${PG_APP_PASSWORD:-$(openssl rand -hex 24)}
KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
S3_ENDPOINT=${S3_ENDPOINT:-http://127.0.0.1:9000}
S3_REGION=${S3_REGION:-us-east-1}
S3_ACCESS_KEY=${S3_ACCESS_KEY:-$(openssl rand -hex 10)}
S3_SECRET_KEY=${S3_SECRET_KEY:-$(openssl rand -hex 20)}
JWT_PRIVATE_KEY_FILE=${JWT_PRIVATE_KEY_FILE:-.local/jwt/dev-es256-private.pem}
JWT_PUBLIC_KEY_FILE=${JWT_PUBLIC_KEY_FILE:-.local/jwt/dev-es256-public.pem}
JWT_ISSUER=${JWT_ISSUER:-motcua-dev}
EOF
  )
  mv -f "$tmp" "$INFRA_ENV_FILE"
}

# Reads .local/infra.env into shell variables (exported). A different value
# already in the environment is ignored with a warning: the running services
# were set up from the file.
load_infra_env() {
  [[ -s "$INFRA_ENV_FILE" ]] || die "$INFRA_ENV_FILE is missing: run infra/local/up.sh"
  local line key value
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    key="${line%%=*}"
    value="${line#*=}"
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
    if [[ -n "${!key:-}" && "${!key}" != "$value" && -z "${MOTCUA_INFRA_QUIET:-}" ]]; then
      log "warning: ignoring $key from the environment; $INFRA_ENV_FILE says $key=$value (delete .local to regenerate)"
    fi
    printf -v "$key" '%s' "$value"
    # shellcheck disable=SC2163 # exporting the variable named by $key
    export "$key"
  done <"$INFRA_ENV_FILE"
  for key in "${INFRA_ENV_KEYS[@]}"; do
    [[ -n "${!key:-}" ]] || die "$INFRA_ENV_FILE lacks $key"
  done
  MOTCUA_INFRA_QUIET=1 # warn once per process

  KAFKA_HOST="${KAFKA_BROKERS%%,*}"
  KAFKA_HOST="${KAFKA_HOST%:*}"
  KAFKA_PORT="${KAFKA_BROKERS%%,*}"
  KAFKA_PORT="${KAFKA_PORT##*:}"
  S3_HOSTPORT="${S3_ENDPOINT#*://}"
  S3_HOSTPORT="${S3_HOSTPORT%%/*}"
  S3_PORT="${S3_HOSTPORT##*:}"
  [[ "$S3_PORT" != "$S3_HOSTPORT" ]] || S3_PORT=80
  S3_HOST="${S3_HOSTPORT%:*}"
}

# abs_path PATH: relative paths are relative to the repo root
abs_path() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$ROOT/$1" ;;
  esac
}

ensure_jwt_keys() {
  local priv pub
  priv="$(abs_path "$JWT_PRIVATE_KEY_FILE")"
  pub="$(abs_path "$JWT_PUBLIC_KEY_FILE")"
  if [[ ! -s "$priv" ]]; then
    log "generating ES256 (P-256) JWT key pair in $(dirname "$priv")"
    mkdir -p "$(dirname "$priv")"
    (
      umask 077
      openssl ecparam -name prime256v1 -genkey -noout |
        openssl pkcs8 -topk8 -nocrypt -out "$priv.tmp"
    )
    mv -f "$priv.tmp" "$priv"
    rm -f "$pub"
  fi
  if [[ ! -s "$pub" ]]; then
    mkdir -p "$(dirname "$pub")"
    openssl pkey -in "$priv" -pubout -out "$pub.tmp"
    chmod 644 "$pub.tmp"
    mv -f "$pub.tmp" "$pub"
  fi
}

# ---------------------------------------------------------------- maven classpath
# ensure_classpath POM OUTFILE: jars listed in OUTFILE (resolved into ~/.m2).
# Rebuilt only when the pom's checksum changed or a listed jar is gone.
ensure_classpath() {
  local pom="$1" out="$2" sum want jar ok=1
  sum="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -s "$out" && -f "$out.sha256" ]] && [[ "$(cat "$out.sha256")" == "$sum" ]]; then
    local -a jars
    IFS=: read -r -a jars <"$out" || true # no trailing newline: read returns 1
    for jar in "${jars[@]}"; do
      [[ -f "$jar" ]] || { ok=0; break; }
    done
    ((ok)) && return 0
    log "a jar of $out is missing from the maven repository: resolving again"
  fi
  command -v mvn >/dev/null || die "maven (mvn) is required"
  log "resolving $(basename "$(dirname "$pom")") jars with maven (first time downloads to ~/.m2)"
  mkdir -p "$(dirname "$out")"
  local mvnlog
  mvnlog="$LOG_DIR/maven-$(basename "$(dirname "$pom")").log"
  if ! mvn -B -q -f "$pom" dependency:build-classpath \
    -Dmdep.outputFile="$out.tmp" -Dmdep.includeScope=runtime >"$mvnlog" 2>&1; then
    show_log_tail "$mvnlog" 60
    die "maven could not resolve $pom"
  fi
  want="$(cat "$out.tmp")"
  [[ -n "$want" ]] || die "maven produced an empty classpath for $pom"
  mv -f "$out.tmp" "$out"
  printf '%s\n' "$sum" >"$out.sha256"
}

# ---------------------------------------------------------------- health checks
pg_healthy() {
  "$PG_BIN/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

# pid of our postmaster (from .local/pg/data/postmaster.pid), if alive
pg_pid() {
  read_pid "$PG_DATA/postmaster.pid"
}

# Kafka-protocol check without a JVM: sends ApiVersions v0 (correlation id
# 0x4d435541) to the broker over bash's /dev/tcp and expects the same
# correlation id back with error_code 0.
kafka_healthy() {
  local resp
  # shellcheck disable=SC2016 # expanded by the inner bash
  resp="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x10\x00\x12\x00\x00\x4d\x43\x55\x41\x00\x06motcua" >&3
    head -c 10 <&3 | od -An -tx1
  ' "$KAFKA_HOST" "$KAFKA_PORT" 2>/dev/null | tr -d ' \n')" || return 1
  [[ "${resp:8:12}" == "4d4355410000" ]]
}

# Any HTTP answer (S3Proxy answers 403 to an anonymous GET /) means up.
s3_healthy() {
  local code
  if command -v curl >/dev/null; then
    code="$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$S3_ENDPOINT/" 2>/dev/null)" || true
    [[ -n "$code" && "$code" != "000" ]]
  else
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/$0/$1" || exit 1
      printf "GET / HTTP/1.0\r\nHost: %s:%s\r\n\r\n" "$0" "$1" >&3
      head -c 5 <&3 | grep -q "^HTTP/"
    ' "$S3_HOST" "$S3_PORT" 2>/dev/null
  fi
}

# daemon_pid PIDFILE MARKER: pid from PIDFILE if that process is alive and
# its command line contains MARKER (guards against a recycled pid).
daemon_pid() {
  local pid resolved
  pid="$(read_pid "$1")" || return 1
  # A checkout whose .local is a link to another's sees the daemon's paths under the link's target.
  resolved="$(realpath -m -- "$2" 2>/dev/null || printf '%s' "$2")"
  if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -e "$2" -e "$resolved"; then
    # ... and a daemon started from a linking checkout names the path through its link: resolve its arguments.
    local arg found=1
    while IFS= read -r -d '' arg; do
      [[ "$arg" == /* && "$(realpath -m -- "$arg" 2>/dev/null)" == "$resolved" ]] && { found=0; break; }
    done <"/proc/$pid/cmdline"
    ((found == 0)) || return 1
  fi
  printf '%s\n' "$pid"
}

# as_pg CMD...: run CMD as the postgres OS user (the server refuses root),
# from / so that an unreadable cwd does not bother it.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@" 9>&-)
  else
    (cd / && "$@" 9>&-)
  fi
}

# pg_running: our cluster's postmaster is alive (pg_ctl status, as postgres)
pg_running() {
  [[ -f "$PG_DATA/PG_VERSION" ]] || return 1
  as_pg "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

# java_major: major version of $JAVA
java_major() {
  "$JAVA" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//; s/\..*//'
}

fi
