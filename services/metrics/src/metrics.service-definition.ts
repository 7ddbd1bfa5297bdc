import { ServiceDefinition } from '@motcua/service-runtime';
import {
  ApplicantCheckResultEntity,
  FeedbackResultEntity,
  SignatureResultEntity,
} from './facts/result-history.entity';
import { MetricsConfig } from './config/metrics.config';
import { ApplicantCheckEntity } from './facts/applicant-check.entity';
import { DocumentFactEntity } from './facts/document-fact.entity';
import { DossierFactEntity } from './facts/dossier-fact.entity';
import { DossierDigitizationMonthEntity } from './facts/dossier-digitization-month.entity';
import { DossierFlowMonthEntity } from './facts/dossier-flow-month.entity';
import { DossierStatusLogEntity } from './facts/dossier-status-log.entity';
import { DashboardModule } from './dashboard/dashboard.module';
import { FactsModule } from './facts/facts.module';
import { metricsMigrations } from './migrations';
import { ReportsModule } from './reports/reports.module';

export const metricsService: ServiceDefinition<MetricsConfig> = {
  name: 'metrics',
  title: 'motcua metrics',
  description:
    'Read models fed by events, and the SLA, digitization, overdue and Decision 766 indicator reports auditors use.',
  config: MetricsConfig,
  entities: [
    DossierFactEntity,
    DossierStatusLogEntity,
    DossierFlowMonthEntity,
    DossierDigitizationMonthEntity,
    DocumentFactEntity,
    ApplicantCheckEntity,
    SignatureResultEntity,
    ApplicantCheckResultEntity,
    FeedbackResultEntity,
  ],
  migrations: metricsMigrations,
  features: () => [FactsModule, ReportsModule, DashboardModule],
};
