# syntax=docker/dockerfile:1
#
# Image of one motcua service. The six services share this recipe, and
# infra/docker/service.Dockerfile is its only copy to edit. Docker has no `include` and six hand-kept
# copies would drift, so infra/docker/sync-dockerfiles.sh writes each services/<name>/Dockerfile (where
# ARCHITECTURE.md's layout puts it) as this template with the global SERVICE and PORT build arguments
# given that service's defaults; `infra/docker/sync-dockerfiles.sh --check` fails on drift (CI).
# Build context is always the repository root:
#
#   docker build -f services/intake/Dockerfile -t motcua/intake:dev .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=intake --build-arg PORT=3001 .
#
# Stages: manifests -> deps (npm ci) -> build (SWC, every workspace) -> prod-deps (npm ci --omit=dev)
#         -> assemble (picks one service) -> runtime.
# Only `assemble` and `runtime` read SERVICE/PORT, so BuildKit runs the install and the compile once
# and reuses them for all six images.

ARG NODE_IMAGE=node:24.21.0-bookworm-slim
# Which service this image runs (a folder of services/) and the port it listens on.
ARG SERVICE
ARG PORT

FROM ${NODE_IMAGE} AS base
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# Just the lockfile and every workspace's package.json, laid out as in the repository
# (`COPY libs/*/package.json` would flatten the folders). The stage re-runs on any change,
# but its output only changes with a manifest, so the npm ci layers below stay cached.
FROM base AS manifests
WORKDIR /src
COPY . .
RUN set -eu; \
    mkdir -p /manifests; \
    cp package.json package-lock.json /manifests/; \
    for manifest in libs/*/package.json services/*/package.json; do \
      mkdir -p "/manifests/${manifest%/package.json}"; \
      cp "$manifest" "/manifests/$manifest"; \
    done

# All dependencies, for the build. --ignore-scripts: nothing needs an install script here (the `node`
# devDependency's would download a second Node binary; @swc/core gets its native binary from its
# platform optionalDependency).
FROM base AS deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked npm ci --ignore-scripts

# libs/*/src -> libs/*/dist and services/*/src -> services/*/dist (tests are not compiled).
FROM deps AS build
COPY .swcrc ./
COPY scripts/build.mjs scripts/
COPY libs/ libs/
COPY services/ services/
RUN node scripts/build.mjs

# Production dependencies only; the workspace links node_modules/@motcua/* -> ../../libs/* come with them.
FROM base AS prod-deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked npm ci --omit=dev --ignore-scripts

# What the runtime needs from the build: every library's dist + package.json (`main` is dist/index.js),
# and this service's dist + package.json; no sources, tests or other services.
FROM build AS assemble
ARG SERVICE
ARG PORT
RUN set -eu; \
    if [ -z "${SERVICE:-}" ] || [ -z "${PORT:-}" ]; then \
      echo 'set the build arguments SERVICE and PORT (e.g. --build-arg SERVICE=intake --build-arg PORT=3001)' >&2; exit 1; \
    fi; \
    if [ ! -f "services/${SERVICE}/dist/main.js" ]; then \
      echo "services/${SERVICE}/dist/main.js was not built: is '${SERVICE}' a folder of services/?" >&2; exit 1; \
    fi; \
    mkdir -p "/out/services/${SERVICE}"; \
    cp package.json /out/; \
    for lib in libs/*/; do \
      lib="${lib%/}"; \
      mkdir -p "/out/${lib}"; \
      cp -R "${lib}/package.json" "${lib}/dist" "/out/${lib}/"; \
    done; \
    cp -R "services/${SERVICE}/package.json" "services/${SERVICE}/dist" "/out/services/${SERVICE}/"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="motcua-${SERVICE}" \
      org.opencontainers.image.licenses="Apache-2.0"
# PORT is also what the service's config reads, so the health check and the listener agree.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=${PORT} \
    MOTCUA_SERVICE=${SERVICE}
# Code and dependencies belong to root and are read-only for the process: the container runs with a
# read-only root filesystem; only /tmp (a tmpfs / emptyDir) is writable.
COPY --from=prod-deps /app/node_modules /app/node_modules
COPY --from=assemble /out/ /app/
# Libraries resolve from /app/node_modules (walking up from the service folder).
WORKDIR /app/services/${SERVICE}
# The official image's `node` user, numerically, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE ${PORT}
# No curl in the slim image: Node's own fetch. Liveness only; orchestrators probe /health/ready themselves.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# = node services/<name>/dist/main.js from /app. Migrations: `node dist/migrate.js` (all but the stub).
CMD ["node", "--enable-source-maps", "--disable-warning=TimeoutNegativeWarning", "dist/main.js"]
