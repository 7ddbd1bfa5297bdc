import { Client } from 'minio';
import { Topics } from '@motcua/contracts';
import { OBJECT_STORAGE, objectStorageReadiness, ObjectStorageModule } from '@motcua/object-storage';
import { ChangeLogEntity } from '@motcua/persistence';
import { ServiceDefinition } from '@motcua/service-runtime';
import { DigitizationConfig } from './config/digitization.config';
import { DocumentTombstoneEntity } from './documents/document-tombstone.entity';
import { DocumentEntity } from './documents/document.entity';
import { DocumentsModule } from './documents/documents.module';
import { IntegrityCheckEntity } from './documents/integrity-check.entity';
import { DossiersModule } from './dossiers/dossiers.module';
import { KnownDossierEntity } from './dossiers/known-dossier.entity';
import { IssuedFormsModule } from './issued-forms/issued-forms.module';
import { LedgerEntryEntity } from './ledger/ledger-entry.entity';
import { LedgerHeadEntity } from './ledger/ledger-head.entity';
import { LedgerModule } from './ledger/ledger.module';
import { digitizationMigrations } from './migrations';
import { CitizenRecordEntity } from './records/citizen-record.entity';
import { RecordAccessEntity } from './records/record-access.entity';
import { ComponentSchemaEntity } from './schemas/component-schema.entity';
import { ComponentSchemaModule } from './schemas/component-schema.module';
import { OrphanSweepStateEntity } from './storage/orphan-sweep-state.entity';

export const digitizationService: ServiceDefinition<DigitizationConfig> = {
  name: 'digitization',
  title: 'motcua digitization',
  description: 'Digitization and the electronic-record store: documents, versions and citizen records in S3.',
  config: DigitizationConfig,
  changeLog: true,
  entities: [
    ChangeLogEntity,
    KnownDossierEntity,
    ComponentSchemaEntity,
    DocumentEntity,
    DocumentTombstoneEntity,
    IntegrityCheckEntity,
    CitizenRecordEntity,
    RecordAccessEntity,
    LedgerEntryEntity,
    LedgerHeadEntity,
    OrphanSweepStateEntity,
  ],
  migrations: digitizationMigrations,
  publishes: [Topics.Document],
  features: (config) => [
    ObjectStorageModule.forRoot(config),
    DossiersModule,
    ComponentSchemaModule,
    LedgerModule,
    DocumentsModule,
    IssuedFormsModule,
  ],
  extraReadiness: (config) => ({
    inject: [OBJECT_STORAGE],
    useFactory: (client: Client) => [objectStorageReadiness(client, config.S3_BUCKET)],
  }),
};
