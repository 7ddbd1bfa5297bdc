import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { Kafka } from 'kafkajs';
import { Topics } from '@motcua/contracts';
import { createServiceDataSourceOptions, openDataSource, runMigrations } from '@motcua/persistence';
import { createTestIsolation, testLogger, TestIsolation } from '@motcua/testing';
import {
  addOutboxTraceparent,
  createInboxTable,
  createKafka,
  createOutboxTable,
  ensureTopics,
  InboxMessageEntity,
  OutboxMessageEntity,
  prefixed,
} from '../../src';

/** The outbox and inbox tables, and `applied` without a unique key on purpose: an event applied twice shows as a second row. */
export class MessagingTestSchema1700000000000 implements MigrationInterface {
  name = 'MessagingTestSchema1700000000000';
  async up(queryRunner: QueryRunner) {
    await createOutboxTable(queryRunner);
    await addOutboxTraceparent(queryRunner);
    await createInboxTable(queryRunner);
    await queryRunner.query('CREATE TABLE applied (event_id text NOT NULL, subject text NOT NULL)');
  }
  async down() {}
}

export interface MessagingFixture {
  isolation: TestIsolation;
  dataSource: DataSource;
  kafka: Kafka;
  settings: { clientId: string; brokers: string; topicPrefix: string; serviceName: string };
  logger: ReturnType<typeof testLogger>;
}

/**
 * A schema with the outbox and inbox tables (plus `applied`, without a unique key on purpose: an event applied
 * twice shows as a second row), a Kafka client and the dossier topic with its dead-letter topic, all of their own.
 */
export async function startMessagingFixture(label: string, name: string): Promise<MessagingFixture> {
  const isolation = await createTestIsolation(label);
  const entities = [OutboxMessageEntity, InboxMessageEntity];
  await runMigrations(
    createServiceDataSourceOptions({
      url: isolation.ownerDatabaseUrl,
      schema: isolation.schema,
      entities,
      migrations: [MessagingTestSchema1700000000000],
    }),
  );
  const dataSource = await openDataSource(
    createServiceDataSourceOptions({ url: isolation.appDatabaseUrl, schema: isolation.schema, entities }),
  );
  const settings = {
    clientId: name,
    brokers: isolation.infra.kafkaBrokers,
    topicPrefix: isolation.topicPrefix,
    serviceName: name,
  };
  const logger = testLogger(name);
  const kafka = createKafka(settings, logger);
  await ensureTopics(kafka, [
    prefixed(settings, Topics.Dossier),
    prefixed(settings, `${Topics.Dossier}.dlt`),
  ]);
  return { isolation, dataSource, kafka, settings, logger };
}
