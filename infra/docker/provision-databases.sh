#!/bin/sh
# One-shot provisioning of the services' databases for docker-compose.yml (run in the postgres image,
# as the cluster's superuser): for each schema, an owner role that migrations run as, an app role the
# running service connects as (data rights, no DDL), and the schema itself. Idempotent: re-running
# only resets the passwords.
#
# The statements are those of provisionServiceDatabase (libs/persistence/src/provisioning.ts), which
# the local stack and the tests use; change both together. One difference: the owner and app roles
# get different passwords here, so a running service never holds the credentials that can change
# its schema. In Kubernetes this is the DBA's or the Postgres operator's job (see k8s/README.md).
#
# Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (libpq), PG_OWNER_PASSWORD,
# PG_APP_PASSWORD, and optionally MOTCUA_SCHEMAS (space-separated; default: the five services').
set -eu

: "${PG_OWNER_PASSWORD:?PG_OWNER_PASSWORD must be set}"
: "${PG_APP_PASSWORD:?PG_APP_PASSWORD must be set}"
schemas="${MOTCUA_SCHEMAS:-intake digitization esignature data_sharing metrics}"

for schema in $schemas; do
  case "$schema" in
    [a-z_]*) ;;
    *) echo "unsafe schema name: $schema" >&2; exit 1 ;;
  esac
  if [ -n "$(printf '%s' "$schema" | tr -d 'a-z0-9_')" ] || [ "${#schema}" -gt 57 ]; then
    echo "unsafe schema name: $schema" >&2
    exit 1
  fi
  # Passwords come from the environment (\getenv), never from the command line (visible in ps).
  psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 -v schema="$schema" <<'SQL'
\getenv owner_password PG_OWNER_PASSWORD
\getenv app_password PG_APP_PASSWORD
\set owner :schema '_owner'
\set app :schema '_app'
SET client_min_messages = warning;
-- Serialise with any other provisioning run (same lock as provisionServiceDatabase).
SELECT pg_advisory_lock(74201) \g /dev/null
SELECT format('%s ROLE %I LOGIN PASSWORD %L',
              CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN 'ALTER' ELSE 'CREATE' END,
              r.name, r.password)
  FROM (VALUES (:'owner', :'owner_password'), (:'app', :'app_password')) AS r(name, password) \gexec
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', :'schema', :'owner') \gexec
SELECT format('GRANT USAGE ON SCHEMA %I TO %I', :'schema', :'app') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
              :'owner', :'schema', :'app') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I',
              :'owner', :'schema', :'app') \gexec
SELECT pg_advisory_unlock(74201) \g /dev/null
SQL
  echo "provisioned schema $schema (roles ${schema}_owner, ${schema}_app)"
done
