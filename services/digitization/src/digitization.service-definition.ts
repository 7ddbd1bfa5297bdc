import { Client } from 'minio';
import { Topics } from '@motcua/contracts';
import { OBJECT_STORAGE, objectStorageReadiness, ObjectStorageModule } from '@motcua/object-storage';
import { ServiceDefinition } from '@motcua/service-runtime';
import { DigitizationConfig } from './config/digitization.config';
import { digitizationMigrations } from './migrations';

export const digitizationService: ServiceDefinition<DigitizationConfig> = {
  name: 'digitization',
  title: 'motcua digitization',
  description: 'Digitization and the electronic-record store: documents, versions and citizen records in S3.',
  config: DigitizationConfig,
  entities: [],
  migrations: digitizationMigrations,
  publishes: [Topics.Document],
  features: (config) => [ObjectStorageModule.forRoot(config)],
  extraReadiness: (config) => ({
    inject: [OBJECT_STORAGE],
    useFactory: (client: Client) => [objectStorageReadiness(client, config.S3_BUCKET)],
  }),
};
