import { Client } from 'minio';
import { Topics } from '@motcua/contracts';
import { OBJECT_STORAGE, objectStorageReadiness, ObjectStorageModule } from '@motcua/object-storage';
import { ServiceDefinition } from '@motcua/service-runtime';
import { EsignatureConfig } from './config/esignature.config';
import { esignatureMigrations } from './migrations';

export const esignatureService: ServiceDefinition<EsignatureConfig> = {
  name: 'esignature',
  title: 'motcua esignature',
  description: 'E-signature verification of PDFs and detached CMS against pinned trust anchors.',
  config: EsignatureConfig,
  entities: [],
  migrations: esignatureMigrations,
  publishes: [Topics.Signature],
  features: (config) => [ObjectStorageModule.forRoot(config)],
  extraReadiness: (config) => ({
    inject: [OBJECT_STORAGE],
    useFactory: (client: Client) => [objectStorageReadiness(client, config.S3_BUCKET)],
  }),
};
