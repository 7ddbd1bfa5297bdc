#!/usr/bin/env node
// `npm run migrate`: creates each service's schema and roles (idempotent) and applies committed migrations,
// against the infrastructure described by .local/infra.env.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, ensureInfrastructure, requireNode24, root } from './lib/infra.mjs';

requireNode24();
ensureInfrastructure();
build();
const require = createRequire(import.meta.url);
const { loadInfraEnv, prepareStack } = require(join(root, 'libs/dev-stack/dist/index.js'));
await prepareStack({ infra: loadInfraEnv() });
console.error('migrate: every service schema is up to date');
