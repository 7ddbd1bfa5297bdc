import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, type MessagingModuleOptions, OutboxRelay } from '@motcua/messaging';
import { BackgroundLoop, SERVICE_CONFIG } from '@motcua/service-runtime';
import { IntakeConfig } from '../../config/intake.config';
import { FormIssuanceService } from './form-issuance.service';

const BATCH = 20;

/**
 * Issues the forms that could not be signed when their action happened (form_issuance_pending), once the agency's
 * credentials are there: without waiting for the dossier's next event, which may never come. Each dossier in its
 * own transaction, claimed with SKIP LOCKED so replicas share the work.
 */
@Injectable()
export class FormIssuanceRetry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly issuance: FormIssuanceService,
    @Optional() private readonly relay: OutboxRelay | undefined,
    @Inject(SERVICE_CONFIG) config: IntakeConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.loop = new BackgroundLoop({
      name: 'form issuance retry',
      intervalMs: config.FORM_ISSUANCE_RETRY_MS,
      round: () => this.retryDue(),
      logger: messaging.logger.child({ component: 'form-issuance-retry' }),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One batch of due dossiers; true when the batch was full (more may be due at once). */
  async retryDue(): Promise<boolean> {
    const due: { dossier_code: string }[] = await this.dataSource.query(
      'SELECT dossier_code FROM form_issuance_pending WHERE next_at <= now() ORDER BY next_at LIMIT $1',
      [BATCH],
    );
    let issued = 0;
    for (const { dossier_code: code } of due)
      await this.dataSource.transaction(async (manager) => {
        const claimed: unknown[] = await manager.query(
          'SELECT 1 FROM form_issuance_pending WHERE dossier_code = $1 AND next_at <= now() FOR UPDATE SKIP LOCKED',
          [code],
        );
        if (claimed.length) issued += (await this.issuance.issueMissing(manager, code)).length;
      });
    if (issued) this.relay?.nudge();
    return due.length === BATCH;
  }
}
