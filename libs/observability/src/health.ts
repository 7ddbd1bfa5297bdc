import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Admin, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { Counter, Gauge } from 'prom-client';
import { Public } from '@motcua/auth';
import { getOrCreateMetric } from './scrape-gauges';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
  /**
   * A failure makes the service `degraded` (reported, still 200) instead of down (503): for parts that do not
   * serve HTTP, e.g. a consumer still joining its group, whose absence must not take the API out of rotation.
   */
  degradesOnly?: boolean;
}

/** Provide an array of ReadinessCheck under this token in each service. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: ReadinessCheck): Promise<[string, string]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return [check.name, 'up'];
  } catch (error) {
    return [check.name, `down: ${(error as Error).message}`];
  } finally {
    clearTimeout(timer);
  }
}

const readyGauge = () =>
  getOrCreateMetric(
    'motcua_ready',
    () => new Gauge({ name: 'motcua_ready', help: 'Result of the last readiness probe (1 ready, 0 not)' }),
  );
// Counted on every probe, so that a flap between two scrapes is not missed.
const readinessChanges = () =>
  getOrCreateMetric(
    'motcua_readiness_changes_total',
    () =>
      new Counter({
        name: 'motcua_readiness_changes_total',
        help: 'Times the readiness probe result changed (ready to not ready or back)',
      }),
  );
let lastReady: boolean | undefined;

function recordReadiness(ready: boolean): void {
  readyGauge().set(ready ? 1 : 0);
  const changes = readinessChanges();
  if (lastReady !== undefined && lastReady !== ready) changes.inc();
  lastReady = ready;
}

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** The process answers: restarting it would not help anything else. */
  @Public()
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /** Every dependency answers: the service can take traffic. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const outcomes = await Promise.all(this.checks.map(runCheck));
    const results = Object.fromEntries(outcomes);
    const failed = this.checks.filter((_, i) => outcomes[i][1] !== 'up');
    const ready = failed.every((c) => c.degradesOnly);
    recordReadiness(ready);
    // 503 with the same body shape, so an operator sees which dependency is down.
    if (!ready) response.status(503);
    return { status: !ready ? 'down' : failed.length ? 'degraded' : 'up', checks: results };
  }
}

export function postgresReadiness(dataSource: DataSource): ReadinessCheck {
  return { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) };
}

/** One admin connection kept for the process: a health probe should not open a socket each time. */
export function kafkaReadiness(kafka: Kafka): ReadinessCheck {
  let admin: Admin | undefined;
  return {
    name: 'kafka',
    check: async () => {
      if (!admin) {
        const fresh = kafka.admin();
        await fresh.connect();
        admin = fresh;
      }
      try {
        await admin.describeCluster();
      } catch (error) {
        await admin.disconnect().catch(() => undefined);
        admin = undefined;
        throw error;
      }
    },
  };
}
