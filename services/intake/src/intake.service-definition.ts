import { Topics } from '@motcua/contracts';
import { ServiceDefinition } from '@motcua/service-runtime';
import { IntakeConfig } from './config/intake.config';
import { DossierCodeSequenceEntity } from './dossiers/dossier-code-sequence.entity';
import { DossierEntity } from './dossiers/dossier.entity';
import { DossierModule } from './dossiers/dossier.module';
import { IdempotencyKeyEntity } from './dossiers/idempotency-key.entity';
import { intakeMigrations } from './migrations';

export const intakeService: ServiceDefinition<IntakeConfig> = {
  name: 'intake',
  title: 'motcua intake',
  description: 'Case intake and the one-stop workflow: agencies, procedures, dossiers, SLA clocks, receipts.',
  config: IntakeConfig,
  entities: [DossierEntity, IdempotencyKeyEntity, DossierCodeSequenceEntity],
  migrations: intakeMigrations,
  publishes: [Topics.Dossier],
  features: () => [DossierModule],
};
