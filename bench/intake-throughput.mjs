#!/usr/bin/env node
// Benchmark (issues 3, 16): POST /dossiers through the intake service at concurrency 32, beside pgbench running the
// same write (one call of intake_receive_dossier) on the same Postgres, in one run, in two phases: every dossier
// to one hot agency (one code counter row), then spread over 50 agencies; after each, latency at half the
// service's maximum rate, and pgbench's own open loop (-R) at that same rate for the database's tail. Prints absolute
// rates and the ratios service/pgbench.
// Usage: npm run bench:intake [-- --seconds 15 --concurrency 32 --agencies 50 --rounds 3 --replicas 1]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { build, ensureInfrastructure, requireNode24, root } from '../scripts/lib/infra.mjs';
import { startIsolatedService } from './lib/isolated-service.mjs';
import { closedLoop, openLoop, percentile, postJson } from './lib/load.mjs';

requireNode24();
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '32' },
    agencies: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    replicas: { type: 'string', default: '1' },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const agencies = Number(values.agencies);
const rounds = Number(values.rounds);
ensureInfrastructure();
build();

const AGENCY = '000.00.12.H49';
const PROCEDURE = '1.001193';

const intake = await startIsolatedService('intake', { portBase: 4300, replicas: Number(values.replicas) });
const { id } = intake;
const intakeUrls = intake.urls;
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
let shownErrors = 0;
const sender = (spread, offset) => async (i) => {
  const response = await postJson(
    `${intakeUrls[i % intakeUrls.length]}/dossiers`,
    { authorization: `Bearer ${token}`, 'idempotency-key': `bench-${id}-${offset + i}` },
    spread ? bodies[Math.floor(Math.random() * agencies)] : bodies[0],
  );
  // The loops count errors; the first few are shown, so that one can tell what they were.
  if (response.status >= 300 && shownErrors++ < 5)
    console.error(`bench: answered ${response.status}: ${Buffer.from(await response.arrayBuffer())}`);
  return response;
};

/** The 49 other agencies, as children of the hot one (its clerk's token covers them), office hours alike. */
async function addAgencies() {
  await withDatabase((client) =>
    client.query(
      `INSERT INTO agency (code, name, parent_code, level, office_hours)
       SELECT format('000.%s.12.H49', lpad(n::text, 2, '0')), 'Bench agency ' || n, a.code, 3, a.office_hours
         FROM agency a, generate_series(1, $2::int - 1) n WHERE a.code = $1
       ON CONFLICT (code) DO NOTHING`,
      [AGENCY, agencies],
    ),
  );
}

/** Runs `use` on a connection of the service's role to its schema. */
async function withDatabase(use) {
  const client = new pg.Client({
    connectionString: intakeEnv.DATABASE_URL,
    options: `-c search_path=${intakeEnv.DATABASE_SCHEMA}`,
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** `rate`: pgbench's own open loop (-R) at that many transactions a second, with each transaction's latency logged. */
function pgbench(script, clients, duration, agencyCount, rate) {
  const file = join(tmpdir(), `motcua-bench-${id}.sql`);
  writeFileSync(file, script);
  const logDir = rate ? mkdtempSync(join(tmpdir(), `motcua-bench-${id}-`)) : undefined;
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
      ...(rate ? ['-R', String(rate), '-l', `--log-prefix=${join(logDir, 'tx')}`] : []),
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
  return { tps: Number(tps), latencyAvgMs: Number(latency), ...(logDir ? scheduledLatencies(logDir) : {}) };
}

/**
 * Percentiles of pgbench's per-transaction log (`client tx time_us script epoch epoch_us lag_us`), counted from each
 * transaction's scheduled start (time + schedule lag), as the service's open loop counts them.
 */
function scheduledLatencies(logDir) {
  try {
    const latencies = readdirSync(logDir)
      .flatMap((name) => readFileSync(join(logDir, name), 'utf8').split('\n'))
      .filter((line) => line.trim())
      .map((line) => {
        const fields = line.split(' ');
        return (Number(fields[2]) + Number(fields[6] ?? 0)) / 1000;
      })
      .sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

/** Waits until the relay has published the backlog, so one phase's events do not load the next. */
async function outboxDrained() {
  await withDatabase(async (client) => {
    for (let i = 0; i < 600; i += 1) {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      if (rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
}

const PGBENCH_TRANSACTION = readFileSync(join(root, 'bench/intake-transaction.pgbench.sql'), 'utf8');
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/**
 * Service and pgbench take turns in `rounds` rounds (each side `seconds / rounds` per round), so the shared machine's
 * load drift hits both alike. The service is paused (SIGSTOP) while pgbench runs, so neither it nor its relay
 * loads pgbench's rounds; the outbox is drained (pgbench's rows too) before each service round.
 */
/** CPU seconds (user + system) the service process has used so far, from /proc (clock ticks of 10 ms). */
function serviceCpuSeconds() {
  return intake.pids.reduce((total, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return total + (Number(fields[11]) + Number(fields[12])) / 100;
  }, 0);
}

async function alternate(label, spread, agencyCount, offset) {
  const roundSeconds = Math.max(1, Math.round(seconds / rounds));
  const service = [];
  const baseline = [];
  let cpu = 0;
  for (let round = 0; round < rounds; round += 1) {
    console.error(
      `bench: ${label}, round ${round + 1}/${rounds}: POST /dossiers, ${concurrency} concurrent ...`,
    );
    const cpuBefore = serviceCpuSeconds();
    service.push(
      await closedLoop({
        concurrency,
        seconds: roundSeconds,
        send: sender(spread, offset + round * 1_000_000),
      }),
    );
    // Includes its relay's share of the round: publishing is part of what each intake costs.
    cpu += serviceCpuSeconds() - cpuBefore;
    await outboxDrained();
    console.error(`bench: ${label}, round ${round + 1}/${rounds}: pgbench, ${concurrency} clients ...`);
    for (const pid of intake.pids) process.kill(pid, 'SIGSTOP');
    try {
      baseline.push(pgbench(PGBENCH_TRANSACTION, concurrency, roundSeconds, agencyCount));
    } finally {
      for (const pid of intake.pids) process.kill(pid, 'SIGCONT');
    }
    await outboxDrained();
  }
  const requests = service.reduce((n, r) => n + r.requests, 0);
  const elapsed = service.reduce((t, r) => t + r.requests / r.rps, 0);
  return {
    max: {
      rps: requests / elapsed,
      rounds: service.map((r) => r.rps),
      p50: Math.max(...service.map((r) => r.p50)),
      p99: Math.max(...service.map((r) => r.p99)),
      errors: service.reduce((n, r) => n + r.errors, 0),
      cpuMsPerRequest: (cpu * 1000) / requests,
    },
    baseline: {
      tps: baseline.reduce((t, b) => t + b.tps, 0) / baseline.length,
      rounds: baseline.map((b) => b.tps),
      latencyAvgMs: baseline.reduce((t, b) => t + b.latencyAvgMs, 0) / baseline.length,
    },
  };
}

/**
 * An open loop at half the measured maximum rate, for latency; then pgbench's open loop at that same rate (service
 * paused), so that the database's own tail at that rate on this machine is beside the service's.
 */
async function paced(label, spread, agencyCount, maxRps, offset) {
  const halfRate = Math.max(1, Math.floor(maxRps / 2));
  console.error(`bench: ${label}: latency at half the maximum rate (${halfRate} req/s), ${seconds} s ...`);
  const result = await openLoop({ rate: halfRate, seconds, send: sender(spread, offset) });
  await outboxDrained();
  console.error(`bench: ${label}: pgbench at ${halfRate} tps, ${seconds} s ...`);
  for (const pid of intake.pids) process.kill(pid, 'SIGSTOP');
  let baseline;
  try {
    baseline = pgbench(PGBENCH_TRANSACTION, concurrency, seconds, agencyCount, halfRate);
  } finally {
    for (const pid of intake.pids) process.kill(pid, 'SIGCONT');
  }
  await outboxDrained();
  return { halfRate, ...result, baseline };
}

function report(label, { max, baseline }, half, target) {
  const each = (values) => values.map((v) => fmt(v)).join(' / ');
  return `${label}
  service  : ${fmt(max.rps)} req/s (rounds ${each(max.rounds)})   worst round p50 ${fmt(max.p50)} ms, p99 ${fmt(max.p99)} ms   errors ${max.errors}   service CPU ${fmt(max.cpuMsPerRequest, 2)} ms/request
  pgbench  : ${fmt(baseline.tps)} tps (rounds ${each(baseline.rounds)})   avg latency ${fmt(baseline.latencyAvgMs)} ms
  ratio    : ${fmt(max.rps / baseline.tps, 3)} of the pgbench ceiling (target >= ${target})
  at ${half.halfRate} req/s (half the service maximum): p50 ${fmt(half.p50)} ms   p95 ${fmt(half.p95)} ms   p99 ${fmt(half.p99)} ms   errors ${half.errors} (target p99 < 50 ms)
  pgbench at that rate : p50 ${fmt(half.baseline.p50)} ms   p95 ${fmt(half.baseline.p95)} ms   p99 ${fmt(half.baseline.p99)} ms (the database's own tail)`;
}

try {
  await addAgencies();
  console.error(`bench: warm-up 3 s ...`);
  await closedLoop({ concurrency, seconds: 3, send: sender(true, 10_000_000) });
  await outboxDrained();
  const hot = await alternate('one agency', false, 1, 20_000_000);
  const hotPaced = await paced('one agency', false, 1, hot.max.rps, 29_000_000);
  const spread = await alternate(`${agencies} agencies`, true, agencies, 30_000_000);
  const spreadPaced = await paced(`${agencies} agencies`, true, agencies, spread.max.rps, 39_000_000);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`
intake POST /dossiers vs pgbench (same write, same Postgres, one run; ${concurrency} concurrent, ${intakeUrls.length} service process(es), ${rounds} alternating rounds, ${seconds} s a side; load average ${load})
${report('one hot agency (one code counter row)', hot, hotPaced, 0.8)}
${report(`spread over ${agencies} agencies`, spread, spreadPaced, 0.7)}`);
} finally {
  await intake.cleanup();
}
