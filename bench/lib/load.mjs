// A small HTTP load generator for the benchmarks: closed loop (fixed concurrency, as fast as it goes)
// and open loop (fixed arrival rate, for latency at a given load). Bounded in count and time; loopback only.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(latencies, errors, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

/** `send(i)` returns a promise of a Response; a non-2xx answer counts as an error. */
export async function closedLoop({ concurrency, seconds, send, maxRequests = 1_000_000 }) {
  const latencies = [];
  let errors = 0;
  let issued = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  async function worker() {
    while (performance.now() < deadline && issued < maxRequests) {
      const i = issued++;
      const t0 = performance.now();
      try {
        const response = await send(i);
        await response.arrayBuffer();
        if (response.status >= 300) errors += 1;
        else latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarize(latencies, errors, (performance.now() - started) / 1000);
}

/** Starts requests at `rate` per second regardless of how fast earlier ones finish (no coordinated omission). */
export async function openLoop({ rate, seconds, send }) {
  const latencies = [];
  let errors = 0;
  const total = Math.floor(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(i)
        .then(async (response) => {
          await response.arrayBuffer();
          // Latency from the scheduled start, so a stalled server shows up as latency, not as fewer requests.
          if (response.status >= 300) errors += 1;
          else latencies.push(performance.now() - due);
        })
        .catch(() => {
          errors += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  return summarize(latencies, errors, (performance.now() - started) / 1000);
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * POST over node:http with a keep-alive agent, answering like fetch's Response (`status`, `arrayBuffer()`) for
 * the loops above. Lighter on the load generator's CPU than fetch, which shares the cores with the service.
 */
export function postJson(url, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: keepAlive,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: response.statusCode, arrayBuffer: async () => bytes });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
