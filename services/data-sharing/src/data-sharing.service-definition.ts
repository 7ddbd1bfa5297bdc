import { Topics } from '@motcua/contracts';
import { ServiceDefinition } from '@motcua/service-runtime';
import { DataSharingConfig } from './config/data-sharing.config';
import { dataSharingMigrations } from './migrations';

export const dataSharingService: ServiceDefinition<DataSharingConfig> = {
  name: 'data-sharing',
  title: 'motcua data-sharing',
  description: 'Data sharing with the population registry: applicant verification and an audited access log.',
  config: DataSharingConfig,
  entities: [],
  migrations: dataSharingMigrations,
  publishes: [Topics.Citizen],
  features: () => [],
};
