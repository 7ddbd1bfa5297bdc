#!/usr/bin/env node
// `npm run metrics:rebuild` (root) or `npm run rebuild -w @motcua/metrics`, with the metrics service stopped:
// empties the read models and the inbox and deletes the consumer group, so the next start replays the dossier,
// document, signature and citizen topics from the beginning. Uses the service's environment when DATABASE_URL is
// set (a deployment), otherwise the local stack's (infra/local, as `npm start` runs it).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);
if (!process.env.DATABASE_URL) {
  const { loadInfraEnv, stackServiceEnv, STACK_SERVICES } = require(
    join(here, '../../../libs/dev-stack/dist/index.js'),
  );
  const metrics = STACK_SERVICES.find((service) => service.name === 'metrics');
  Object.assign(process.env, stackServiceEnv(metrics, { infra: loadInfraEnv() }));
}
require(join(here, '../dist/rebuild-main.js'));
