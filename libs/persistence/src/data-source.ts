import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceParams {
  url: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/**
 * One data source per service, confined to the service's own schema.
 * `synchronize` is never on: the schema only changes through committed migrations.
 */
export function createServiceDataSourceOptions(params: ServiceDataSourceParams): DataSourceOptions {
  return {
    type: 'postgres',
    url: params.url,
    schema: params.schema,
    entities: params.entities,
    migrations: params.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: params.poolSize ?? 10,
    applicationName: params.applicationName,
    extra: {
      // Unqualified names in migrations and raw SQL resolve to the service's schema.
      options: `-c search_path=${params.schema}`,
      connectionTimeoutMillis: 5000,
    },
  };
}

export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  return dataSource;
}

/** Applies pending migrations; returns the names of those it ran. */
export async function runMigrations(options: DataSourceOptions): Promise<string[]> {
  const dataSource = await openDataSource({ ...options, poolSize: 1 } as DataSourceOptions);
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * SQL TypeORM would run to make the database match the entities.
 * Empty means entities and committed migrations agree; anything else is drift.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
