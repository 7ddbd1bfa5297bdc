// Shared by start.mjs and test.mjs: Node version check and the local infrastructure (infra/local).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function requireNode24() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    console.error(
      `motcua needs Node.js 24 (this is ${process.version}). Run it through npm (npm start / npm test), which puts the project's Node 24 first on PATH.`,
    );
    process.exit(1);
  }
}

function infra(script, { quiet = false } = {}) {
  return spawnSync('bash', [join(root, 'infra/local', script)], {
    stdio: quiet ? 'ignore' : 'inherit',
    cwd: root,
  }).status;
}

/** Starts Postgres, Kafka and S3 unless they already answer; returns true when this call started them. */
export function ensureInfrastructure() {
  if (process.env.MOTCUA_EXTERNAL_INFRA === '1') return false;
  if (infra('status.sh', { quiet: true }) === 0) return false;
  console.error('motcua: starting local infrastructure (Postgres, Kafka, S3) ...');
  if (infra('up.sh') !== 0) {
    console.error('motcua: the infrastructure did not start; see .local/logs/');
    process.exit(1);
  }
  return true;
}

export function stopInfrastructure() {
  infra('down.sh');
}

export function build() {
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
