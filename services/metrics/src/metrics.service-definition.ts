import { ServiceDefinition } from '@motcua/service-runtime';
import { MetricsConfig } from './config/metrics.config';
import { DossierFactEntity } from './facts/dossier-fact.entity';
import { FactsModule } from './facts/facts.module';
import { metricsMigrations } from './migrations';
import { ReportsModule } from './reports/reports.module';

export const metricsService: ServiceDefinition<MetricsConfig> = {
  name: 'metrics',
  title: 'motcua metrics',
  description: 'Read models fed by events, and the SLA and digitization reports auditors use.',
  config: MetricsConfig,
  entities: [DossierFactEntity],
  migrations: metricsMigrations,
  features: () => [FactsModule, ReportsModule],
};
