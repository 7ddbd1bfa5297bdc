export { type ServiceDefinition, type ModuleImport } from './service-definition';
export { ServiceRootModule } from './service-root.module';
export { createService, migrateService, runServiceMain, runHttpMain, runMigrationsMain } from './run-service';
