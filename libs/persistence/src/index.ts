export { SnakeNamingStrategy } from './snake-naming.strategy';
export {
  createServiceDataSourceOptions,
  openDataSource,
  runMigrations,
  pendingSchemaChanges,
  type ServiceDataSourceParams,
} from './data-source';
export {
  provisionServiceDatabase,
  dropServiceDatabase,
  serviceRoles,
  postgresUrl,
  type ServiceDatabaseRoles,
} from './provisioning';
export { makeAppendOnly } from './append-only';
export { pageOf, pageNewestFirst, type Page } from './page';
export { isDatabaseUnavailableError } from './unavailable-database';
export {
  ChangeLogEntity,
  appendChange,
  listChanges,
  createChangeLogTable,
  NationalChangeLog1764979200000,
  type ChangeEntry,
  type ChangeView,
} from './change-log';
