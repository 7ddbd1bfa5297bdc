// The gauges every service reports at scrape time, read from the real Postgres and Kafka: the outbox
// backlog and the age of its oldest unpublished event, and the lag of the service's consumer groups.
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners } from 'kafkajs';
import { register } from 'prom-client';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  createKafka,
  createOutboxTable,
  ensureTopics,
  OutboxMessageEntity,
  prefixed,
} from '@motcua/messaging';
import { gaugeAtScrape } from '@motcua/observability';
import { createServiceDataSourceOptions, openDataSource, runMigrations } from '@motcua/persistence';
import { createTestIsolation, metricValue, testLogger, TestIsolation } from '@motcua/testing';
import { consumerLagGauge, outboxGauges } from '../src';

class OutboxOnly1700000000000 implements MigrationInterface {
  name = 'OutboxOnly1700000000000';
  async up(queryRunner: QueryRunner) {
    await createOutboxTable(queryRunner);
  }
  async down() {}
}

const scraped = async (name: string, labels: Record<string, string> = {}) =>
  metricValue(await register.metrics(), name, labels);

describe('operational metrics (real Postgres and Kafka)', () => {
  let isolation: TestIsolation;
  let dataSource: DataSource;
  let kafka: Kafka;
  const removers: Array<() => void> = [];

  beforeAll(async () => {
    isolation = await createTestIsolation('opmetrics');
    const entities = [OutboxMessageEntity];
    await runMigrations(
      createServiceDataSourceOptions({
        url: isolation.ownerDatabaseUrl,
        schema: isolation.schema,
        entities,
        migrations: [OutboxOnly1700000000000],
      }),
    );
    dataSource = await openDataSource(
      createServiceDataSourceOptions({ url: isolation.appDatabaseUrl, schema: isolation.schema, entities }),
    );
    kafka = createKafka(
      {
        clientId: 'opmetrics-test',
        brokers: isolation.infra.kafkaBrokers,
        topicPrefix: isolation.topicPrefix,
      },
      testLogger('opmetrics-test'),
    );
  });

  afterAll(async () => {
    for (const remove of removers) remove();
    await dataSource?.destroy();
    await isolation?.cleanup();
  });

  it('reports the unpublished outbox events and the age of the oldest one', async () => {
    for (const gauge of outboxGauges(dataSource)) removers.push(gaugeAtScrape(gauge));
    expect(await scraped('motcua_outbox_backlog')).toBe(0);
    expect(await scraped('motcua_outbox_oldest_unpublished_age_seconds')).toBe(0);

    const row = (ageSeconds: number, published: boolean) =>
      dataSource.query(
        `INSERT INTO outbox (event_id, topic, message_key, payload, created_at, published_at)
         VALUES ($1, 'motcua.dossier.v1', 'k', '{}', now() - make_interval(secs => $2), $3)`,
        [randomUUID(), ageSeconds, published ? new Date() : null],
      );
    await row(90, false);
    await row(5, false);
    await row(600, true); // published: neither in the backlog nor the oldest

    expect(await scraped('motcua_outbox_backlog')).toBe(2);
    const age = (await scraped('motcua_outbox_oldest_unpublished_age_seconds'))!;
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(600);
  });

  it("reports the lag of the service's consumer groups per partition, and no other group's", async () => {
    const topic = prefixed(isolation, 'motcua.dossier.v1');
    await ensureTopics(kafka, [topic], 2);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `m${i}` })),
    });
    await producer.send({ topic, messages: [{ partition: 1, value: 'x' }] });
    await producer.disconnect();

    const ours = prefixed(isolation, 'intake.dossier-events');
    const another = prefixed(isolation, 'metrics.dossier-events');
    // A member of each group commits an offset on partition 0 (both groups join at once).
    const commit = async (groupId: string, offset: string) => {
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        // Committed from inside the handler (the partitions are assigned by then), with no auto-commit after.
        await new Promise<void>((resolve, reject) => {
          let done = false;
          consumer
            .run({
              autoCommit: false,
              eachMessage: async () => {
                if (done) return;
                done = true;
                await consumer.commitOffsets([{ topic, partition: 0, offset }]).then(resolve, reject);
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect();
      }
    };
    await Promise.all([commit(ours, '2'), commit(another, '0')]);

    const lag = consumerLagGauge(kafka, prefixed(isolation, 'intake.'));
    removers.push(gaugeAtScrape(lag), () => void lag.close());
    expect(await scraped('motcua_kafka_consumer_lag', { group: ours, topic, partition: '0' })).toBe(3);
    // Never committed on partition 1: all of it is still to be consumed.
    expect(await scraped('motcua_kafka_consumer_lag', { group: ours, topic, partition: '1' })).toBe(1);
    expect(await scraped('motcua_kafka_consumer_lag', { group: another })).toBeUndefined();
  });

  it('drops a reading that hangs instead of holding the scrape, and counts it', async () => {
    const errors = async () => {
      const counter = register.getSingleMetric('motcua_metrics_collect_errors_total');
      const values = (await counter?.get())?.values ?? [];
      return values.find((v) => v.labels.metric === 'motcua_test_hanging')?.value ?? 0;
    };
    const before = await errors();
    removers.push(
      gaugeAtScrape({
        name: 'motcua_test_hanging',
        help: 'a reading that never answers',
        read: () => new Promise(() => undefined),
      }),
    );
    // The reading never answers: that the scrape returns at all (within the test's timeout) is the point.
    expect(await scraped('motcua_test_hanging')).toBeNaN();
    expect(await errors()).toBe(before + 1);
  });
});
