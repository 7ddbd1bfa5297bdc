#!/usr/bin/env node
/* global setInterval, clearInterval */
// Benchmark (issue 4): upload throughput of 1 MB and 20 MB documents through the digitization service
// (multipart HTTP, JWT, sniffing, SHA-256, streaming put to S3, metadata + hash chain + outbox in Postgres) beside
// direct minio-client putObject calls of the same bytes to the same S3 store, in one run; prints MB/s of each, the
// ratio (target >= 0.8) and the service's RSS before/after/peak per size (memory must stay flat as size grows).
// Both ways go over node:http with its keep-alive global agent (the minio client's transport).
// Usage: npx node bench/digitization-upload.mjs [--concurrency 4] [--small-count 240] [--small-rounds 12]
//        [--large-count 12] [--rounds 3]
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { build, ensureInfrastructure, requireNode24, root } from '../scripts/lib/infra.mjs';
import { startIsolatedService } from './lib/isolated-service.mjs';

requireNode24();
const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '4' },
    'small-count': { type: 'string', default: '240' },
    // Short rounds: a 1 MB round takes well under a second, so many of them even out the shared machine's drift.
    'small-rounds': { type: 'string', default: '12' },
    'large-count': { type: 'string', default: '12' },
    rounds: { type: 'string', default: '3' },
  },
});
const concurrency = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const SMALL_ROUNDS = Number(values['small-rounds']);
ensureInfrastructure();
build();

const require = createRequire(import.meta.url);
const { createObjectStorageClient } = require(join(root, 'libs/object-storage/dist/index.js'));

const AGENCY = '000.00.12.H49';
const MB = 1024 * 1024;
const SIZES = [
  { label: '1 MB', bytes: 1 * MB, count: Number(values['small-count']), rounds: SMALL_ROUNDS },
  { label: '20 MB', bytes: 20 * MB, count: Number(values['large-count']), rounds: ROUNDS },
];

/** A scanned page as the service sees it: a JPEG header, then incompressible bytes. */
function scan(size) {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46], 0);
  return bytes;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/** Runs `count` jobs with `concurrency` in flight; returns seconds elapsed. */
async function run(count, job) {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await job(next++);
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const digitization = await startIsolatedService('digitization', {
  portBase: 4400,
  bucket: (id) => `bench-digitization-${id}`,
  onOutput: (_service, line) => process.stderr.write(`[digitization] ${line}\n`),
});
const { id, infra, options, url, pid, env } = digitization;
const bucket = options.bucket;
const s3 = createObjectStorageClient({
  S3_ENDPOINT: infra.s3Endpoint,
  S3_REGION: infra.s3Region,
  S3_ACCESS_KEY: infra.s3AccessKey,
  S3_SECRET_KEY: infra.s3SecretKey,
  S3_BUCKET: bucket,
});
const token = await digitization.token('clerk', AGENCY);

// The service learns dossiers from intake's events: publish one, wait until it is known.
const dossier = `${AGENCY}-261127-${id}`;
const kafka = new Kafka({
  clientId: 'bench-digitization',
  brokers: infra.kafkaBrokers.split(','),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer({ allowAutoTopicCreation: false });
await producer.connect();
await producer.send({
  topic: `${options.topicPrefix}motcua.dossier.v1`,
  acks: -1,
  messages: [
    {
      key: dossier,
      value: JSON.stringify({
        specversion: '1.0',
        id: randomUUID(),
        source: '/motcua/intake',
        type: 'vn.motcua.dossier.received.v1',
        time: new Date().toISOString(),
        subject: dossier,
        datacontenttype: 'application/json',
        data: {
          code: dossier,
          procedureCode: '1.001193',
          agencyCode: AGENCY,
          channel: 'DIRECT',
          status: 'RECEIVED',
          receivedAt: new Date().toISOString(),
          dueAt: null,
          applicant: { idNumber: '001090000001', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-01-15' },
          imported: false,
        },
      }),
    },
  ],
});
await producer.disconnect();
const db = new pg.Client({
  connectionString: env.DATABASE_URL,
  options: `-c search_path=${env.DATABASE_SCHEMA}`,
});
await db.connect();
for (let i = 0; ; i += 1) {
  if ((await db.query('SELECT 1 FROM known_dossier WHERE code = $1', [dossier])).rowCount) break;
  if (i > 300) throw new Error('the service did not learn the dossier');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * A multipart/form-data body as a browser sends it: the fields, then the file part. Built per request, as the
 * direct way's minio client works on the caller's Buffer.
 */
function multipart(fields, bytes) {
  const boundary = `----motcua-bench-${randomUUID()}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  return { boundary, chunks: [head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)] };
}

/**
 * `declareSize`: the client sends the file size first (a browser knows File.size), so large files are one PUT.
 * Sent with node:http over its global keep-alive agent, the same HTTP stack and connection reuse as the minio
 * client of the direct way (fetch + FormData cost this client several ms of its own CPU per 1 MB request).
 */
function throughService(bytes, declareSize = true) {
  const fields = { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' };
  if (declareSize) fields.size = String(bytes.length);
  const { boundary, chunks } = multipart(fields, bytes);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/dossiers/${dossier}/documents`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(chunks.reduce((n, c) => n + c.length, 0)),
        },
      },
      (response) => {
        const body = [];
        response.on('data', (chunk) => body.push(chunk));
        response.on('end', () =>
          response.statusCode === 201
            ? resolve()
            : reject(new Error(`upload answered ${response.statusCode}: ${Buffer.concat(body)}`)),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    for (const chunk of chunks.slice(0, -1)) request.write(chunk);
    request.end(chunks.at(-1));
  });
}

async function direct(bytes) {
  await s3.putObject(bucket, `bench-direct/${randomUUID()}`, bytes, bytes.length, {
    'Content-Type': 'image/jpeg',
  });
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const rows = [];
try {
  console.error('bench: warm-up ...');
  const warm = scan(2 * MB);
  await run(4, () => throughService(warm));
  await run(4, () => direct(warm));
  for (const size of SIZES) {
    const files = Array.from({ length: Math.min(size.count, 4) }, () => scan(size.bytes));
    const perRound = Math.ceil(size.count / size.rounds);
    const seconds = { service: 0, undeclared: 0, direct: 0 };
    const rssBefore = rssMb(pid);
    const rssPeak = { service: rssBefore, undeclared: rssBefore, direct: rssBefore };
    let current = 'service';
    let serviceCpu = 0;
    const sampler = setInterval(() => (rssPeak[current] = Math.max(rssPeak[current], rssMb(pid))), 25);
    // The machine is shared and its load drifts: the three ways take turns in rounds, so drift hits them alike.
    // Without the size the service cannot know a request's length up front: larger files go as multipart uploads.
    const ways = [
      ['service', (i) => throughService(files[i % files.length])],
      ['direct', (i) => direct(files[i % files.length])],
      ...(size.bytes > 8 * MB ? [['undeclared', (i) => throughService(files[i % files.length], false)]] : []),
    ];
    for (let round = 0; round < size.rounds; round += 1) {
      const order = round % 2 === 0 ? ways : [...ways].reverse();
      for (const [name, job] of order) {
        console.error(`bench: round ${round + 1}/${size.rounds}: ${perRound} x ${size.label} ${name} ...`);
        const cpuBefore = cpuSeconds(pid);
        current = name;
        seconds[name] += await run(perRound, job);
        if (name === 'service') serviceCpu += cpuSeconds(pid) - cpuBefore;
      }
    }
    clearInterval(sampler);
    const rssAfter = rssMb(pid);
    const mb = (perRound * size.rounds * size.bytes) / MB;
    rows.push({
      ...size,
      count: perRound * size.rounds,
      serviceMbps: mb / seconds.service,
      directMbps: mb / seconds.direct,
      undeclaredMbps: seconds.undeclared ? mb / seconds.undeclared : undefined,
      rssBefore,
      rssAfter,
      rssPeak,
      serviceCpuPerMb: serviceCpu / mb,
    });
  }
  const { rows: stored } = await db.query('SELECT count(*)::int AS n FROM document');
  console.log(`
digitization upload vs direct minio putObject (same bytes, same S3 store, one run; ${concurrency} concurrent, alternating rounds: ${SMALL_ROUNDS} of 1 MB, ${ROUNDS} of 20 MB)`);
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(6)} x ${String(r.count).padStart(3)}: service ${fmt(r.serviceMbps)} MB/s   direct ${fmt(r.directMbps)} MB/s   ratio ${fmt(r.serviceMbps / r.directMbps, 3)} (target >= 0.8)   service RSS ${fmt(r.rssBefore, 0)} -> ${fmt(r.rssAfter, 0)} MB (peak ${fmt(r.rssPeak.service, 0)} MB)   service CPU ${fmt(r.serviceCpuPerMb * 1000, 1)} ms/MB`,
    );
    if (r.undeclaredMbps)
      console.log(
        `         without a declared size (multipart upload): service ${fmt(r.undeclaredMbps)} MB/s   ratio ${fmt(r.undeclaredMbps / r.directMbps, 3)}   service RSS peak ${fmt(r.rssPeak.undeclared, 0)} MB`,
      );
  }
  console.log(
    `  documents stored by the service: ${stored[0].n} (warm-up included); RSS sampled every 25 ms over all rounds`,
  );
} finally {
  await db.end().catch(() => undefined);
  await digitization.stop();
  const names = [];
  for await (const item of s3.listObjectsV2(bucket, '', true)) if (item.name) names.push(item.name);
  for (let i = 0; i < names.length; i += 1000) await s3.removeObjects(bucket, names.slice(i, i + 1000));
  await s3.removeBucket(bucket).catch(() => undefined);
  await digitization.cleanup();
}
