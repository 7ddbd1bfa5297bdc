import { Client } from 'minio';
import { DataSource } from 'typeorm';
import { Topics } from '@motcua/contracts';
import { OBJECT_STORAGE, objectStorageReadiness, ObjectStorageModule } from '@motcua/object-storage';
import { ChangeLogEntity } from '@motcua/persistence';
import { ServiceDefinition } from '@motcua/service-runtime';
import { EsignatureConfig } from './config/esignature.config';
import { KnownDocumentEntity } from './documents/known-document.entity';
import { signatureJobGauges } from './documents/signature-job-metrics';
import { SignatureJobEntity } from './documents/signature-job.entity';
import { esignatureMigrations } from './migrations';
import { RevocationListEntity } from './trust-store/revocation-list.entity';
import { TrustAnchorEntity } from './trust-store/trust-anchor.entity';
import { TrustStoreStateEntity } from './trust-store/trust-store-state.entity';
import { TrustStoreModule } from './trust-store/trust-store.module';
import { VerificationEntity } from './verifications/verification.entity';
import { VerificationsModule } from './verifications/verifications.module';

export const esignatureService: ServiceDefinition<EsignatureConfig> = {
  name: 'esignature',
  title: 'motcua esignature',
  description: 'E-signature verification of PDFs and detached CMS against pinned trust anchors.',
  config: EsignatureConfig,
  changeLog: true,
  entities: [
    ChangeLogEntity,
    TrustAnchorEntity,
    RevocationListEntity,
    TrustStoreStateEntity,
    VerificationEntity,
    KnownDocumentEntity,
    SignatureJobEntity,
  ],
  migrations: esignatureMigrations,
  publishes: [Topics.Signature],
  features: (config) => [ObjectStorageModule.forRoot(config), TrustStoreModule, VerificationsModule],
  extraReadiness: (config) => ({
    inject: [OBJECT_STORAGE],
    useFactory: (client: Client) => [objectStorageReadiness(client, config.S3_BUCKET)],
  }),
  gauges: () => ({
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => signatureJobGauges(dataSource),
  }),
};
