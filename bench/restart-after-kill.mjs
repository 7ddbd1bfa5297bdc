#!/usr/bin/env node
// Benchmark (issue 12): how long a consuming service takes to answer HTTP again after kill -9, against the same
// service started after a clean stop (its consumer group left, nothing to wait for), in one run. A ratio near 1
// means the restart does not wait for the dead member's session; the absolute seconds are what a portal sees.
// Usage: npm run bench:restart [-- --rounds 3 --services intake,metrics,data-sharing]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build, ensureInfrastructure, requireNode24, root } from '../scripts/lib/infra.mjs';
import { startIsolatedService } from './lib/isolated-service.mjs';

requireNode24();
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    services: { type: 'string', default: 'intake,metrics,data-sharing' },
  },
});
const rounds = Number(values.rounds);
ensureInfrastructure();
build();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from `since` until `probe` is true (polled every 25 ms, 120 s at most). */
async function until(since, probe) {
  for (;;) {
    if (await probe().catch(() => false)) return Date.now() - since;
    if (Date.now() - since > 120_000) throw new Error('no answer within 120 s');
    await sleep(25);
  }
}

const live = (url) => async () =>
  (await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) })).ok;
const consuming = (url) => async () => {
  const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
  return response.ok && (await response.json()).status === 'up';
};

function startProcess(name, env) {
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', join(root, 'services', name, 'dist', 'main.js')],
    {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    },
  );
  return child;
}

/** One start of the service: milliseconds until HTTP answers and until its consumers joined. */
async function timedStart(name, env, url) {
  const started = Date.now();
  const child = startProcess(name, env);
  const http = await until(started, live(url));
  const joined = await until(started, consuming(url));
  return { child, http, joined };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
let port = 4700;
for (const name of values.services.split(',')) {
  const service = await startIsolatedService(name, { portBase: port });
  port += 10;
  const { url, env } = service;
  await service.stop();
  const clean = [];
  const killed = [];
  for (let round = 0; round < rounds; round += 1) {
    // Baseline: started after a clean stop (SIGTERM, the group left).
    const first = await timedStart(name, env, url);
    clean.push(first);
    // kill -9 once its consumers are in the group, restarted at once, as an orchestrator would.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const again = await timedStart(name, env, url);
    killed.push(again);
    again.child.kill('SIGTERM');
    await new Promise((resolve) => again.child.once('exit', resolve));
  }
  await service.cleanup();
  const cleanHttp = median(clean.map((r) => r.http));
  const killedHttp = median(killed.map((r) => r.http));
  rows.push({
    service: name,
    'HTTP after clean stop (s)': (cleanHttp / 1000).toFixed(2),
    'HTTP after kill -9 (s)': (killedHttp / 1000).toFixed(2),
    'ratio kill/clean': (killedHttp / cleanHttp).toFixed(2),
    'consumers joined after kill -9 (s)': (median(killed.map((r) => r.joined)) / 1000).toFixed(2),
  });
}
console.table(rows);
console.log(
  `median of ${rounds} rounds; load average at the end: ${(await import('node:os')).loadavg()[0].toFixed(2)}`,
);
