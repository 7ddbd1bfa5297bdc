import { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { BaseServiceConfig, HttpServiceConfig, loadConfig } from '@motcua/config';
import { createServiceApp } from '@motcua/http';
import { InboxMessageEntity, OutboxMessageEntity } from '@motcua/messaging';
import { createLogger } from '@motcua/observability';
import { createServiceDataSourceOptions, runMigrations } from '@motcua/persistence';
import { ServiceDefinition } from './service-definition';
import { ServiceRootModule } from './service-root.module';

/** Builds the service's Nest application (not yet listening): used by main and by integration tests. */
export function createService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
  logger: Logger = createLogger(definition.name, config.LOG_LEVEL),
): Promise<INestApplication> {
  return createServiceApp(ServiceRootModule.forService(definition, config, logger), {
    serviceName: definition.name,
    title: definition.title,
    description: definition.description,
    logger,
    swagger: config.SWAGGER_ENABLED,
    jsonLimit: definition.jsonLimit,
  });
}

/** Applies the service's committed migrations as the schema owner. */
export async function migrateService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<string[]> {
  if (!config.DATABASE_MIGRATION_URL) throw new Error('DATABASE_MIGRATION_URL is required to run migrations');
  return runMigrations(
    createServiceDataSourceOptions({
      url: config.DATABASE_MIGRATION_URL,
      schema: config.DATABASE_SCHEMA,
      entities: [OutboxMessageEntity, InboxMessageEntity, ...(definition.entities as never[])],
      migrations: definition.migrations,
      applicationName: `motcua-${definition.name}-migrate`,
    }),
  );
}

function failFast(logger: Logger, error: unknown, message: string): never {
  logger.fatal({ err: error }, message);
  // Let the log line flush before exiting.
  setTimeout(() => process.exit(1), 100).unref();
  throw error;
}

/**
 * Entry point of any `main.ts`: validated config (fail fast), JSON logs, listen.
 * Nest's shutdown hooks close everything on SIGTERM/SIGINT.
 */
export async function runHttpMain<C extends HttpServiceConfig>(
  name: string,
  configClass: new () => C,
  build: (config: C, logger: Logger) => Promise<INestApplication>,
): Promise<void> {
  const bootLogger = createLogger(name);
  let config: C;
  try {
    config = loadConfig(configClass);
  } catch (error) {
    failFast(bootLogger, error, 'configuration is invalid; not starting');
  }
  const logger = createLogger(name, config.LOG_LEVEL);
  try {
    const app = await build(config, logger);
    await app.listen(config.PORT, config.HOST);
    logger.info({ port: config.PORT }, `${name} listening`);
  } catch (error) {
    failFast(logger, error, 'service failed to start');
  }
}

export function runServiceMain<C extends BaseServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  return runHttpMain(definition.name, definition.config, (config, logger) =>
    createService(definition, config, logger),
  );
}

/** Entry point of `migrate.ts`. */
export async function runMigrationsMain<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<void> {
  const logger = createLogger(`${definition.name}-migrate`);
  try {
    const config = loadConfig(definition.config);
    const ran = await migrateService(definition, config);
    logger.info({ ran }, ran.length ? `applied ${ran.length} migration(s)` : 'schema is up to date');
  } catch (error) {
    failFast(logger, error, 'migration failed');
  }
}
