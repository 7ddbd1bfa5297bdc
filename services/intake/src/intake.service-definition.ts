import { Topics } from '@motcua/contracts';
import { ChangeLogEntity } from '@motcua/persistence';
import { ServiceDefinition } from '@motcua/service-runtime';
import { AgencyEntity } from './agencies/agency.entity';
import { AgencyModule } from './agencies/agency.module';
import { CalendarNoticeEntity } from './calendar/calendar-notice.entity';
import { CalendarModule } from './calendar/calendar.module';
import { IntakeConfig } from './config/intake.config';
import { DossierActionEntity } from './dossiers/dossier-action.entity';
import { DossierClockSegmentEntity } from './dossiers/dossier-clock-segment.entity';
import { DossierCodeSequenceEntity } from './dossiers/dossier-code-sequence.entity';
import { DossierEntity } from './dossiers/dossier.entity';
import { DossierModule } from './dossiers/dossier.module';
import { DossierDocumentEntity } from './dossier-updates/dossier-document.entity';
import { DossierUpdatesModule } from './dossier-updates/dossier-updates.module';
import { PublicLookupBucketEntity } from './public-lookup/public-lookup-bucket.entity';
import { PublicLookupModule } from './public-lookup/public-lookup.module';
import { FormsModule } from './forms/forms.module';
import { FormIssuanceModule } from './forms/issuance/form-issuance.module';
import { ReceiptModule } from './receipts/receipt.module';
import { TrackingLogModule } from './tracking-log/tracking-log.module';
import { FormIssuancePendingEntity, IssuedFormEntity } from './forms/issuance/issued-form.entity';
import { IdempotencyKeyEntity } from './dossiers/idempotency-key.entity';
import { intakeMigrations } from './migrations';
import { ProcedureVersionEntity } from './procedures/procedure-version.entity';
import { ProcedureEntity } from './procedures/procedure.entity';
import { ProcedureModule } from './procedures/procedure.module';

export const intakeService: ServiceDefinition<IntakeConfig> = {
  name: 'intake',
  title: 'motcua intake',
  description: 'Case intake and the one-stop workflow: agencies, procedures, dossiers, SLA clocks, receipts.',
  config: IntakeConfig,
  changeLog: true,
  entities: [
    DossierEntity,
    IdempotencyKeyEntity,
    DossierCodeSequenceEntity,
    DossierClockSegmentEntity,
    DossierActionEntity,
    DossierDocumentEntity,
    AgencyEntity,
    ProcedureEntity,
    ProcedureVersionEntity,
    PublicLookupBucketEntity,
    CalendarNoticeEntity,
    IssuedFormEntity,
    FormIssuancePendingEntity,
    ChangeLogEntity,
  ],
  migrations: intakeMigrations,
  publishes: [Topics.Dossier],
  features: (config) => [
    AgencyModule,
    CalendarModule,
    ProcedureModule,
    DossierModule,
    DossierUpdatesModule,
    PublicLookupModule,
    ReceiptModule,
    FormsModule,
    TrackingLogModule,
    // Electronic forms are issued signed or not at all; without signing they are printed on request for paper.
    ...(config.FORM_SIGNING_DIR || config.FORM_SIGNING_DEV_CA_DIR ? [FormIssuanceModule] : []),
  ],
};
