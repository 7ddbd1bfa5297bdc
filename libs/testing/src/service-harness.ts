import { INestApplication } from '@nestjs/common';
import { BaseServiceConfig, loadConfig } from '@motcua/config';
import { InboxConsumerRegistry, InboxMessageEntity, OutboxMessageEntity } from '@motcua/messaging';
import { createServiceDataSourceOptions, openDataSource, pendingSchemaChanges } from '@motcua/persistence';
import { createService, migrateService, ServiceDefinition } from '@motcua/service-runtime';
import { testLogger, waitFor } from './helpers';
import { TestIsolation } from './isolation';

export interface ServiceUnderTest<C extends BaseServiceConfig> {
  app: INestApplication;
  config: C;
  url: string;
  close(): Promise<void>;
}

/** Config of a service confined to one test isolation (its schema, topic prefix and bucket). */
export function serviceConfigFor<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  isolation: TestIsolation,
  extra: Record<string, string> = {},
): C {
  return loadConfig(definition.config, isolation.serviceEnv({ PORT: '1', ...extra }));
}

/** Migrates the isolation's schema and starts the service in this process on a free port. */
export async function startServiceForTest<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  isolation: TestIsolation,
  extra: Record<string, string> = {},
): Promise<ServiceUnderTest<C>> {
  const config = serviceConfigFor(definition, isolation, extra);
  await migrateService(definition, config);
  const app = await createService(definition, config, testLogger(definition.name));
  await app.listen(0, '127.0.0.1');
  // Consumers join in the background; tests expect them consuming once the service is up.
  await waitFor(
    async () => (Object.keys(app.get(InboxConsumerRegistry).notConsuming()).length === 0 ? true : undefined),
    { what: `${definition.name}'s consumers to join their groups`, timeoutMs: 60_000 },
  );
  const address = app.getHttpServer().address() as { port: number };
  return { app, config, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/**
 * SQL TypeORM would need to make the migrated schema match the entities: empty unless they drifted.
 * Run on a freshly migrated isolation.
 */
export async function schemaDriftOf<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  isolation: TestIsolation,
): Promise<string[]> {
  const config = serviceConfigFor(definition, isolation);
  await migrateService(definition, config);
  const dataSource = await openDataSource(
    createServiceDataSourceOptions({
      url: isolation.ownerDatabaseUrl,
      schema: isolation.schema,
      entities: [OutboxMessageEntity, InboxMessageEntity, ...(definition.entities as never[])],
    }),
  );
  try {
    return await pendingSchemaChanges(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
