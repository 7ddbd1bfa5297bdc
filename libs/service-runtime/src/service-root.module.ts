import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AuthModule, resolvePublicKeyPem } from '@motcua/auth';
import { BaseServiceConfig } from '@motcua/config';
import {
  InboxConsumerRegistry,
  InboxMessageEntity,
  MessagingModule,
  OutboxMessageEntity,
} from '@motcua/messaging';
import {
  HealthController,
  kafkaReadiness,
  MetricsController,
  postgresReadiness,
  READINESS_CHECKS,
  ReadinessCheck,
  TracingShutdown,
} from '@motcua/observability';
import { createServiceDataSourceOptions } from '@motcua/persistence';
import { ChangeLogController } from './change-log.controller';
import { OperationalMetrics } from './operational-metrics';
import { ServiceDefinition } from './service-definition';

/** Consumers joining or retrying an outage: reported as degraded, the HTTP API keeps serving. */
function consumersReadiness(registry: InboxConsumerRegistry): ReadinessCheck {
  return {
    name: 'consumers',
    degradesOnly: true,
    check: async () => {
      const notConsuming = registry.notConsuming();
      const names = Object.keys(notConsuming);
      if (names.length) throw new Error(names.map((n) => `${n} ${notConsuming[n]}`).join('; '));
    },
  };
}

/** The service's validated config object, injectable anywhere in the service (`@Inject(SERVICE_CONFIG)`). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Postgres, Kafka, token verification, health and metrics: the same in every service. */
@Module({})
export class ServiceRootModule {
  static forService<C extends BaseServiceConfig>(
    definition: ServiceDefinition<C>,
    config: C,
    logger: Logger,
  ): DynamicModule {
    const extra = definition.extraReadiness?.(config);
    const gauges = definition.gauges?.(config);
    return {
      module: ServiceRootModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...createServiceDataSourceOptions({
            url: config.DATABASE_URL,
            schema: config.DATABASE_SCHEMA,
            entities: [OutboxMessageEntity, InboxMessageEntity, ...(definition.entities as never[])],
            poolSize: config.DATABASE_POOL_SIZE,
            applicationName: `motcua-${definition.name}`,
          }),
          retryAttempts: 5,
          retryDelay: 1000,
        }),
        AuthModule.forRoot({
          publicKeyPem: resolvePublicKeyPem(config),
          jwksUrl: config.AUTH_JWKS_URL || undefined,
          issuer: config.AUTH_JWT_ISSUER,
          audience: config.AUTH_JWT_AUDIENCE,
        }),
        MessagingModule.forRoot({
          kafka: {
            clientId: config.KAFKA_CLIENT_ID,
            brokers: config.KAFKA_BROKERS,
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            serviceName: definition.name,
          },
          logger,
          createTopics: config.KAFKA_CREATE_TOPICS,
          publishes: definition.publishes,
        }),
        ...definition.features(config),
      ],
      controllers: [
        HealthController,
        MetricsController,
        ...(definition.changeLog ? [ChangeLogController] : []),
      ],
      exports: [SERVICE_CONFIG],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        TracingShutdown,
        {
          provide: READINESS_CHECKS,
          inject: [DataSource, Kafka, InboxConsumerRegistry, ...(extra?.inject ?? [])],
          useFactory: (
            dataSource: DataSource,
            kafka: Kafka,
            consumers: InboxConsumerRegistry,
            ...deps: never[]
          ): ReadinessCheck[] => [
            postgresReadiness(dataSource),
            kafkaReadiness(kafka),
            consumersReadiness(consumers),
            ...(extra?.useFactory(...deps) ?? []),
          ],
        },
        {
          provide: OperationalMetrics,
          inject: [DataSource, Kafka, ...(gauges?.inject ?? [])],
          useFactory: (dataSource: DataSource, kafka: Kafka, ...deps: never[]) =>
            new OperationalMetrics(
              dataSource,
              kafka,
              { serviceName: definition.name, topicPrefix: config.KAFKA_TOPIC_PREFIX },
              gauges?.useFactory(...deps) ?? [],
            ),
        },
      ],
    };
  }
}
