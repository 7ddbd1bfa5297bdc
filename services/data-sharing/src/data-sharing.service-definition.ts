import { Topics } from '@motcua/contracts';
import { ServiceDefinition } from '@motcua/service-runtime';
import { AccessLogModule } from './access-log/access-log.module';
import { RegistryAccessEntity } from './access-log/registry-access.entity';
import { DataSharingConfig } from './config/data-sharing.config';
import { dataSharingMigrations } from './migrations';
import { PurposeDossierEntity } from './purposes/purpose-dossier.entity';
import { PurposePartyEntity } from './purposes/purpose-party.entity';
import { PurposesModule } from './purposes/purposes.module';
import { RegistryClient } from './registry/registry.client';
import { registryBreakerGauge } from './registry/registry-metrics';
import { RegistryModule } from './registry/registry.module';
import { VerificationCacheEntity } from './verification/verification-cache.entity';
import { VerificationRequestEntity } from './verification/verification-request.entity';
import { VerificationModule } from './verification/verification.module';

export const dataSharingService: ServiceDefinition<DataSharingConfig> = {
  name: 'data-sharing',
  title: 'motcua data-sharing',
  description: 'Data sharing with the population registry: applicant verification and an audited access log.',
  config: DataSharingConfig,
  entities: [
    VerificationRequestEntity,
    VerificationCacheEntity,
    RegistryAccessEntity,
    PurposeDossierEntity,
    PurposePartyEntity,
  ],
  migrations: dataSharingMigrations,
  publishes: [Topics.Citizen],
  features: (config) => [RegistryModule.forRoot(config), PurposesModule, AccessLogModule, VerificationModule],
  gauges: () => ({
    inject: [RegistryClient],
    useFactory: (registry: RegistryClient) => [registryBreakerGauge(registry.breaker)],
  }),
};
