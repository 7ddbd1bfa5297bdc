#!/usr/bin/env node
// `npm start`: infrastructure + migrations + all six services in the foreground; Ctrl-C stops everything.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, ensureInfrastructure, requireNode24, root, stopInfrastructure } from './lib/infra.mjs';

requireNode24();
const startedInfra = ensureInfrastructure();
build();

const require = createRequire(import.meta.url);
const { ensureDevelopmentCa, loadInfraEnv, prepareStack, startStack } = require(
  join(root, 'libs/dev-stack/dist/index.js'),
);

// Development only: the CA that signs the forms of every agency, pinned in esignature (FORM_SIGNING_DIR with real
// agency keys replaces it in production, see services/intake/README.md).
const formSigningCa = await ensureDevelopmentCa(join(root, '.local/pki/forms-dev-ca'));
const options = { infra: loadInfraEnv(), logLevel: process.env.LOG_LEVEL ?? 'info', formSigningCa };
let stack;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.error('\nmotcua: stopping services ...');
  await stack?.stop();
  if (startedInfra) {
    console.error('motcua: stopping the infrastructure this run started ...');
    stopInfrastructure();
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  await prepareStack(options);
  stack = await startStack(options);
} catch (error) {
  console.error(`motcua: start failed: ${error.message}`);
  await shutdown(1);
}

for (const { service, process: child } of stack.services) {
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`motcua: ${service.name} exited (${signal ?? code}); stopping everything.`);
    void shutdown(1);
  });
}

console.error(`
motcua is up. Every service answers /health/ready, /metrics, /docs and /docs-json:
${stack.services.map((s) => `  ${s.service.name.padEnd(26)} ${s.url}`).join('\n')}

Get a token:  npm run --silent token -- --role clerk --agency 000.00.12.H49
Ctrl-C stops the services${startedInfra ? ' and the infrastructure' : ''}.
`);
