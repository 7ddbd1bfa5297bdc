#!/usr/bin/env bash
# Writes services/<name>/Dockerfile for every service from infra/docker/service.Dockerfile, the one
# recipe they share: the copy differs only in the defaults of the global SERVICE and PORT build
# arguments. PORT is read from the service's config class (`override PORT = 3001;`), the same number
# the service listens on when PORT is unset.
#
#   infra/docker/sync-dockerfiles.sh           rewrite the six files
#   infra/docker/sync-dockerfiles.sh --check   exit 1 if any file differs from what it would write (CI)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
template="$root/infra/docker/service.Dockerfile"
mode="${1:-write}"
case "$mode" in
  write | --check) ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac

render() {
  local service="$1" port="$2"
  # Keep the `# syntax` line first (BuildKit only reads it there), then say where the file comes from,
  # then the template with the two global ARGs (the ones before the first FROM) given defaults.
  awk -v service="$service" -v port="$port" '
    NR == 1 {
      print
      print "#"
      print "# GENERATED from infra/docker/service.Dockerfile by infra/docker/sync-dockerfiles.sh."
      print "# Edit the template and run the script; only SERVICE and PORT below are specific to " service "."
      next
    }
    /^FROM / { in_stages = 1 }
    !in_stages && $0 == "ARG SERVICE" { print "ARG SERVICE=" service; next }
    !in_stages && $0 == "ARG PORT" { print "ARG PORT=" port; next }
    { print }
  ' "$template"
}

status=0
for dir in "$root"/services/*/; do
  service="$(basename "$dir")"
  [[ -f "$dir/src/main.ts" ]] || continue
  port="$(sed -n 's/^[[:space:]]*override PORT = \([0-9][0-9]*\);.*/\1/p' "$dir"/src/config/*.config.ts | head -n 1)"
  if [[ -z "$port" ]]; then
    echo "services/$service: no 'override PORT = <n>;' in src/config/*.config.ts" >&2
    status=1
    continue
  fi
  target="$dir/Dockerfile"
  if [[ "$mode" == --check ]]; then
    if ! render "$service" "$port" | cmp -s - "$target"; then
      echo "services/$service/Dockerfile is out of date: run infra/docker/sync-dockerfiles.sh" >&2
      status=1
    fi
  else
    render "$service" "$port" >"$target"
    echo "wrote services/$service/Dockerfile (SERVICE=$service, PORT=$port)"
  fi
done
exit "$status"
