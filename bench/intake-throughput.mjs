#!/usr/bin/env node
// Benchmark (issues 3, 16): POST /dossiers through the intake service at concurrency 32, beside pgbench running the
// same write (one call of intake_receive_dossier) on the same Postgres, in one run, in two phases: every dossier
// to one hot agency (one code counter row), then spread over 50 agencies; after each, latency at half the
// service's maximum rate. Prints absolute rates and the ratios service/pgbench.
// Usage: npm run bench:intake [-- --seconds 15 --concurrency 32 --agencies 50]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { build, ensureInfrastructure, requireNode24, root } from '../scripts/lib/infra.mjs';
import { startIsolatedService } from './lib/isolated-service.mjs';
import { closedLoop, openLoop, postJson } from './lib/load.mjs';

requireNode24();
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '32' },
    agencies: { type: 'string', default: '50' },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const agencies = Number(values.agencies);
ensureInfrastructure();
build();

const AGENCY = '000.00.12.H49';
const PROCEDURE = '1.001193';

const intake = await startIsolatedService('intake', { portBase: 4300 });
const { id } = intake;
const intakeUrl = intake.url;
const intakeEnv = intake.env;
const token = await intake.token('clerk', AGENCY);

/** Agency `000.NN.12.H49` for NN = 00..agencies-1; 00 is the hot agency (the same rule as the pgbench script). */
const agencyCode = (n) => `000.${String(n).padStart(2, '0')}.12.H49`;
const bodyFor = (agency) =>
  JSON.stringify({
    procedureCode: PROCEDURE,
    agencyCode: agency,
    channel: 'DIRECT',
    applicant: {
      idNumber: '001203004567',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2003-05-14',
      sex: 'MALE',
      phone: '0912345678',
    },
  });
const bodies = Array.from({ length: agencies }, (_, n) => bodyFor(agencyCode(n)));
// Each request has its own Idempotency-Key, as a portal's distinct submissions would.
const sender = (spread, offset) => (i) =>
  postJson(
    `${intakeUrl}/dossiers`,
    { authorization: `Bearer ${token}`, 'idempotency-key': `bench-${id}-${offset + i}` },
    spread ? bodies[Math.floor(Math.random() * agencies)] : bodies[0],
  );

/** The 49 other agencies, as children of the hot one (its clerk's token covers them), office hours alike. */
async function addAgencies() {
  const client = new pg.Client({
    connectionString: intakeEnv.DATABASE_URL,
    options: `-c search_path=${intakeEnv.DATABASE_SCHEMA}`,
  });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO agency (code, name, parent_code, level, office_hours)
       SELECT format('000.%s.12.H49', lpad(n::text, 2, '0')), 'Bench agency ' || n, a.code, 3, a.office_hours
         FROM agency a, generate_series(1, $2::int - 1) n WHERE a.code = $1
       ON CONFLICT (code) DO NOTHING`,
      [AGENCY, agencies],
    );
  } finally {
    await client.end();
  }
}

function pgbench(script, clients, duration, agencyCount) {
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
      '-D',
      `agencies=${agencyCount}`,
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

/** Closed loop at full speed, then an open loop at half that rate; the outbox drained after each. */
async function servicePhase(label, spread, offset) {
  console.error(`bench: ${label}: POST /dossiers, ${concurrency} concurrent, ${seconds} s ...`);
  const max = await closedLoop({ concurrency, seconds, send: sender(spread, offset) });
  await outboxDrained();
  const halfRate = Math.max(1, Math.floor(max.rps / 2));
  console.error(`bench: ${label}: latency at half the maximum rate (${halfRate} req/s), ${seconds} s ...`);
  const paced = await openLoop({ rate: halfRate, seconds, send: sender(spread, offset + 1_000_000) });
  await outboxDrained();
  return { max, halfRate, paced };
}

function report(label, phase, baseline, target) {
  const { max, halfRate, paced } = phase;
  return `${label}
  service  : ${fmt(max.rps)} req/s   p50 ${fmt(max.p50)} ms   p99 ${fmt(max.p99)} ms   errors ${max.errors}
  pgbench  : ${fmt(baseline.tps)} tps     avg latency ${fmt(baseline.latencyAvgMs)} ms
  ratio    : ${fmt(max.rps / baseline.tps, 3)} of the pgbench ceiling (target >= ${target})
  at ${halfRate} req/s (half the service maximum): p50 ${fmt(paced.p50)} ms   p95 ${fmt(paced.p95)} ms   p99 ${fmt(paced.p99)} ms   errors ${paced.errors} (target p99 < 50 ms)`;
}

try {
  await addAgencies();
  console.error(`bench: warm-up 3 s ...`);
  await closedLoop({ concurrency, seconds: 3, send: sender(true, 10_000_000) });
  await outboxDrained();
  const hot = await servicePhase('one agency', false, 20_000_000);
  const spread = await servicePhase(`${agencies} agencies`, true, 30_000_000);
  // Last, so that the service is idle: pgbench's rows are never published (the service is stopped first).
  await intake.stop();
  console.error(`bench: pgbench, the same write, ${concurrency} clients, ${seconds} s, one agency ...`);
  const hotBaseline = pgbench(PGBENCH_TRANSACTION, concurrency, seconds, 1);
  console.error(
    `bench: pgbench, the same write, ${concurrency} clients, ${seconds} s, ${agencies} agencies ...`,
  );
  const spreadBaseline = pgbench(PGBENCH_TRANSACTION, concurrency, seconds, agencies);

  console.log(`
intake POST /dossiers vs pgbench (same write, same Postgres, one run; ${concurrency} concurrent, ${seconds} s each; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})
${report('one hot agency (one code counter row)', hot, hotBaseline, 0.8)}
${report(`spread over ${agencies} agencies`, spread, spreadBaseline, 0.7)}`);
} finally {
  await intake.cleanup();
}
