#!/usr/bin/env node
// Benchmark (issue 3): POST /dossiers through the intake service at concurrency 32, beside pgbench running the
// same write transaction on the same Postgres, in one run; then latency at half the service's maximum rate.
// Prints the ratio service/pgbench. Usage: npm run bench:intake [-- --seconds 15]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { build, ensureInfrastructure, requireNode24, root } from '../scripts/lib/infra.mjs';
import { startIsolatedService } from './lib/isolated-service.mjs';
import { closedLoop, openLoop } from './lib/load.mjs';

requireNode24();
const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '15' }, concurrency: { type: 'string', default: '32' } },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
ensureInfrastructure();
build();

const AGENCY = '000.00.12.H49';
const PROCEDURE = '1.001193';

const intake = await startIsolatedService('intake', { portBase: 4300 });
const { id } = intake;
const intakeUrl = intake.url;
const intakeEnv = intake.env;
const token = await intake.token('clerk', AGENCY);

const body = JSON.stringify({
  procedureCode: PROCEDURE,
  agencyCode: AGENCY,
  channel: 'DIRECT',
  applicant: {
    idNumber: '001203004567',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '2003-05-14',
    sex: 'MALE',
    phone: '0912345678',
  },
});
// Each request has its own Idempotency-Key, as a portal's distinct submissions would.
const send = (i) =>
  fetch(`${intakeUrl}/dossiers`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `bench-${id}-${i}`,
    },
    body,
  });

function pgbench(script, clients, duration) {
  const file = join(tmpdir(), `motcua-bench-${id}.sql`);
  writeFileSync(file, script);
  const url = new URL(intakeEnv.DATABASE_URL);
  const result = spawnSync(
    '/usr/lib/postgresql/15/bin/pgbench',
    [
      '-n',
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(duration),
      '-f',
      file,
      '-h',
      url.hostname,
      '-p',
      url.port,
      '-U',
      decodeURIComponent(url.username),
      url.pathname.slice(1),
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        PGPASSWORD: decodeURIComponent(url.password),
        PGOPTIONS: `-c search_path=${intakeEnv.DATABASE_SCHEMA}`,
      },
    },
  );
  if (result.status !== 0) throw new Error(`pgbench failed: ${result.stderr}`);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(result.stdout)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(result.stdout)?.[1];
  return { tps: Number(tps), latencyAvgMs: Number(latency) };
}

/** Waits until the relay has published the backlog, so one phase's events do not load the next. */
async function outboxDrained() {
  const client = new pg.Client({
    connectionString: intakeEnv.DATABASE_URL,
    options: `-c search_path=${intakeEnv.DATABASE_SCHEMA}`,
  });
  await client.connect();
  try {
    for (let i = 0; i < 600; i += 1) {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      if (rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}

const PGBENCH_TRANSACTION = readFileSync(join(root, 'bench/intake-transaction.pgbench.sql'), 'utf8');
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

try {
  console.error(`bench: warm-up 3 s ...`);
  await closedLoop({ concurrency, seconds: 3, send: (i) => send(1_000_000 + i) });
  console.error(`bench: POST /dossiers, ${concurrency} concurrent, ${seconds} s ...`);
  const service = await closedLoop({ concurrency, seconds, send });
  await outboxDrained();
  const halfRate = Math.max(1, Math.floor(service.rps / 2));
  console.error(`bench: latency at half the maximum rate (${halfRate} req/s), ${seconds} s ...`);
  const paced = await openLoop({ rate: halfRate, seconds, send: (i) => send(2_000_000 + i) });
  await outboxDrained();
  // Last, so that the service is idle: pgbench's rows are never published (the service is stopped first).
  await intake.stop();
  console.error(`bench: pgbench, the same transaction, ${concurrency} clients, ${seconds} s ...`);
  const baseline = pgbench(PGBENCH_TRANSACTION, concurrency, seconds);

  const ratio = service.rps / baseline.tps;
  console.log(`
intake POST /dossiers vs pgbench (same write transaction, same Postgres, one run; ${concurrency} concurrent, ${seconds} s each)
  service  : ${fmt(service.rps)} req/s   p50 ${fmt(service.p50)} ms   p99 ${fmt(service.p99)} ms   errors ${service.errors}
  pgbench  : ${fmt(baseline.tps)} tps     avg latency ${fmt(baseline.latencyAvgMs)} ms
  ratio    : ${fmt(ratio, 3)} of the pgbench ceiling (target >= 0.5)
  at ${halfRate} req/s (half the service maximum): p50 ${fmt(paced.p50)} ms   p95 ${fmt(paced.p95)} ms   p99 ${fmt(paced.p99)} ms   errors ${paced.errors} (target p99 < 50 ms)`);
} finally {
  await intake.cleanup();
}
