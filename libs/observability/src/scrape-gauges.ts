import { Counter, Gauge, Metric, register } from 'prom-client';

/** One value of a gauge read at scrape time. */
export interface GaugeSample {
  labels?: Record<string, string | number>;
  value: number;
}

export interface ScrapeGaugeSpec {
  name: string;
  help: string;
  labelNames?: string[];
  read: () => Promise<GaugeSample[]>;
}

/** A scrape must answer even when a dependency hangs: a reading that takes longer is dropped. */
const READ_TIMEOUT_MS = 2000;

/** prom-client refuses a second metric of one name; tests build several apps in one process. */
export function getOrCreateMetric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

const collectErrors = () =>
  getOrCreateMetric(
    'motcua_metrics_collect_errors_total',
    () =>
      new Counter({
        name: 'motcua_metrics_collect_errors_total',
        help: 'Scrape-time readings that failed or timed out (the gauge is then absent from that scrape)',
        labelNames: ['metric'],
      }),
  );

/** The readers of each gauge, newest last: the newest (the app started last in this process) answers. */
const readers = new Map<string, Array<() => Promise<GaugeSample[]>>>();

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A gauge whose samples are read when Prometheus scrapes (a query, an admin call), so that the value is
 * never older than the scrape and nothing polls in between. A reading that fails or hangs leaves the
 * labelled series out of that scrape (an unlabelled one reads NaN) and counts in
 * motcua_metrics_collect_errors_total. Returns the function that removes this reader
 * (call it when the app shuts down).
 */
export function gaugeAtScrape(spec: ScrapeGaugeSpec): () => void {
  const errors = collectErrors();
  getOrCreateMetric(
    spec.name,
    () =>
      new Gauge({
        name: spec.name,
        help: spec.help,
        labelNames: spec.labelNames ?? [],
        async collect() {
          this.reset();
          const read = readers.get(spec.name)?.at(-1);
          if (!read) return;
          try {
            for (const sample of await withTimeout(read(), READ_TIMEOUT_MS))
              this.set(sample.labels ?? {}, sample.value);
          } catch {
            errors.inc({ metric: spec.name });
            // An unlabelled gauge cannot be absent: NaN rather than a 0 that would read as "all clear".
            if ((spec.labelNames ?? []).length === 0) this.set(NaN);
          }
        },
      }),
  );
  const list = readers.get(spec.name) ?? [];
  readers.set(spec.name, list);
  list.push(spec.read);
  return () => {
    const at = list.lastIndexOf(spec.read);
    if (at >= 0) list.splice(at, 1);
  };
}

/**
 * Several unlabelled gauges from one reading per scrape (one query for all of them): the gauges of a scrape
 * are collected together, so they share the reading in flight.
 */
export function gaugesOfOneReading<T>(
  read: () => Promise<T>,
  gauges: Array<{ name: string; help: string; value: (reading: T) => number }>,
): ScrapeGaugeSpec[] {
  let pending: Promise<T> | undefined;
  const once = () => (pending ??= read().finally(() => (pending = undefined)));
  return gauges.map(({ name, help, value }) => ({
    name,
    help,
    read: async () => [{ value: value(await once()) }],
  }));
}
