export { type ServiceDefinition, type ModuleImport } from './service-definition';
export { ServiceRootModule, SERVICE_CONFIG } from './service-root.module';
export { BackgroundLoop, type BackgroundLoopOptions } from './background-loop';
export { createService, migrateService, runServiceMain, runHttpMain, runMigrationsMain } from './run-service';
export { OperationalMetrics, outboxGauges, consumerLagGauge } from './operational-metrics';
