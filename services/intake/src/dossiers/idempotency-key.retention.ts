import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BackgroundLoop, SERVICE_CONFIG } from '@motcua/service-runtime';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '@motcua/messaging';
import { IntakeConfig } from '../config/intake.config';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, so the table does not grow forever.
 * A retry after that creates a new dossier; the portal retries within minutes, so a day is ample.
 */
@Injectable()
export class IdempotencyKeyRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.loop = new BackgroundLoop({
      name: 'idempotency-key purge',
      intervalMs: PURGE_EVERY_MS,
      runAtStart: false,
      round: async () => void (await this.purgeExpired()),
      logger: messaging.logger.child({ component: 'idempotency-key-retention' }),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
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
