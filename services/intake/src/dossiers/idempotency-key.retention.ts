import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { IntakeConfig } from '../config/intake.config';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, so the table does not grow forever.
 * A retry after that creates a new dossier; the portal retries within minutes, so a day is ample.
 */
@Injectable()
export class IdempotencyKeyRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeExpired().catch(() => undefined), PURGE_EVERY_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many keys were forgotten. */
  async purgeExpired(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where('created_at < now() - make_interval(hours => :hours)', {
        hours: this.config.IDEMPOTENCY_KEY_TTL_HOURS,
      })
      .execute();
    return result.affected ?? 0;
  }
}
