import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { Kafka, Partitioners } from 'kafkajs';
import { register } from 'prom-client';
import { createCloudEvent, DossierStatusChangedV1, EventTypes, Topics } from '@motcua/contracts';
import { createServiceDataSourceOptions, openDataSource, runMigrations } from '@motcua/persistence';
import { createTestIsolation, testLogger, TestIsolation, waitFor } from '@motcua/testing';
import {
  addOutboxTraceparent,
  appendToOutbox,
  createInboxTable,
  createKafka,
  createOutboxTable,
  ensureTopics,
  InboxConsumer,
  InboxMessageEntity,
  OutboxMessageEntity,
  OutboxRelay,
  PermanentEventError,
  prefixed,
} from '../src';

class MessagingTestSchema1700000000000 implements MigrationInterface {
  name = 'MessagingTestSchema1700000000000';
  async up(queryRunner: QueryRunner) {
    await createOutboxTable(queryRunner);
    await addOutboxTraceparent(queryRunner);
    await createInboxTable(queryRunner);
    // No unique key on purpose: applying an event twice would show as a second row.
    await queryRunner.query('CREATE TABLE applied (event_id text NOT NULL, subject text NOT NULL)');
  }
  async down() {}
}

const logger = testLogger('messaging-test');

/** A valid status-changed payload: consumers validate every message against its schema. */
function statusChanged(code: string, n: number): DossierStatusChangedV1 {
  return {
    code,
    procedureCode: '1.001193',
    agencyCode: '000.00.12.H49',
    channel: 'DIRECT',
    action: 'START_PROCESSING',
    fromStatus: 'RECEIVED',
    toStatus: 'PROCESSING',
    at: new Date().toISOString(),
    actor: 'test',
    receivedAt: new Date().toISOString(),
    dueAt: null,
    elapsedWorkingMinutes: n,
    supplementRequests: 0,
    apologized: false,
    late: false,
  };
}

describe('transactional outbox + idempotent inbox on real Postgres and Kafka', () => {
  let isolation: TestIsolation;
  let dataSource: DataSource;
  let kafka: Kafka;
  let settings: { clientId: string; brokers: string; topicPrefix: string; serviceName: string };

  beforeAll(async () => {
    isolation = await createTestIsolation('messaging');
    const entities = [OutboxMessageEntity, InboxMessageEntity];
    await runMigrations(
      createServiceDataSourceOptions({
        url: isolation.ownerDatabaseUrl,
        schema: isolation.schema,
        entities,
        migrations: [MessagingTestSchema1700000000000],
      }),
    );
    dataSource = await openDataSource(
      createServiceDataSourceOptions({ url: isolation.appDatabaseUrl, schema: isolation.schema, entities }),
    );
    settings = {
      clientId: 'messaging-test',
      brokers: isolation.infra.kafkaBrokers,
      topicPrefix: isolation.topicPrefix,
      serviceName: 'messaging-test',
    };
    kafka = createKafka(settings, logger);
    await ensureTopics(kafka, [
      prefixed(settings, Topics.Dossier),
      prefixed(settings, `${Topics.Dossier}.dlt`),
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await isolation?.cleanup();
  });

  async function writeEvents(count: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      await dataSource.transaction(async (manager) => {
        const code = `000.00.12.H49-261127-${tag}${String(i).padStart(3, '0')}`;
        const event = createCloudEvent({
          type: EventTypes.DossierStatusChangedV1,
          source: '/test',
          subject: code,
          data: statusChanged(code, i),
        });
        ids.push(event.id);
        await appendToOutbox(manager, [event]);
      });
    }
    return ids;
  }

  async function messagesInTopic(topic: string): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(prefixed(settings, topic));
      return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('a relay that dies between publishing and marking, and a consumer that dies mid-batch, lose and double-count nothing', async () => {
    const ids = await writeEvents(40, 'A');

    // The relay publishes a batch, then "crashes" before marking it: the marks roll back.
    const crashingRelay = new OutboxRelay(dataSource, kafka, settings, logger, {
      batchSize: 25,
      afterPublishBeforeMark: async () => {
        throw new Error('simulated crash after publish, before mark');
      },
    });
    await crashingRelay.connect();
    try {
      await expect(crashingRelay.publishBatch()).rejects.toThrow('simulated crash');
    } finally {
      await crashingRelay.stop();
    }
    const [{ pending }] = await dataSource.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
    );
    expect(pending).toBe(40);

    // A fresh relay publishes everything again: the first 25 now sit in Kafka twice.
    const relay = new OutboxRelay(dataSource, kafka, settings, logger, { batchSize: 25 });
    await relay.start();
    try {
      await waitFor(
        async () => {
          const [{ left }] = await dataSource.query(
            'SELECT count(*)::int AS left FROM outbox WHERE published_at IS NULL',
          );
          return left === 0 ? true : undefined;
        },
        { what: 'outbox drained' },
      );
    } finally {
      await relay.stop();
    }
    expect(await messagesInTopic(Topics.Dossier)).toBeGreaterThanOrEqual(65);

    // The consumer dies once after committing a message's effects but before committing its offset.
    let crashes = 0;
    let committed = 0;
    const consumer = new InboxConsumer(dataSource, kafka, settings, logger, {
      name: 'tally',
      topics: [Topics.Dossier],
      handle: async (event, manager) => {
        await manager.query('INSERT INTO applied (event_id, subject) VALUES ($1, $2)', [
          event.id,
          event.subject,
        ]);
      },
      afterMessageCommitted: async () => {
        committed += 1;
        if (committed === 10) {
          crashes += 1;
          throw new Error('simulated consumer crash mid-batch');
        }
      },
    });
    await consumer.start();
    try {
      const applied = await waitFor(
        async () => {
          const [row] = await dataSource.query(
            'SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct_ids FROM applied',
          );
          return row.distinct_ids === ids.length ? row : undefined;
        },
        { what: 'all events applied', timeoutMs: 60_000 },
      );
      // Give redeliveries time to arrive; none may add a row.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [after] = await dataSource.query('SELECT count(*)::int AS total FROM applied');
      expect(applied.total).toBe(ids.length);
      expect(after.total).toBe(ids.length);
      const appliedIds: Array<{ event_id: string }> = await dataSource.query('SELECT event_id FROM applied');
      expect(new Set(appliedIds.map((r) => r.event_id))).toEqual(new Set(ids));
    } finally {
      await consumer.stop();
    }
    expect(crashes).toBe(1);
  });

  it('sends a poison message to the dead-letter topic and keeps the partition flowing', async () => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const good = createCloudEvent({
      type: EventTypes.DossierStatusChangedV1,
      source: '/test',
      subject: 'poison-key',
      data: statusChanged('poison-key', 1),
    });
    await producer.send({
      topic: prefixed(settings, Topics.Dossier),
      messages: [
        { key: 'poison-key', value: '{not json' },
        { key: 'poison-key', value: JSON.stringify({ ...good, id: undefined }) },
        { key: 'poison-key', value: JSON.stringify(good) },
      ],
    });
    await producer.disconnect();

    const seen: string[] = [];
    const consumer = new InboxConsumer(dataSource, kafka, settings, logger, {
      name: 'poison',
      topics: [Topics.Dossier],
      maxAttempts: 2,
      retryBaseDelayMs: 10,
      handle: async (event) => {
        if (event.subject === 'poison-key') seen.push(event.id);
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => (seen.includes(good.id) ? true : undefined), {
        what: 'the good message after the poison',
      });
      expect(
        await waitFor(async () => ((await messagesInTopic(`${Topics.Dossier}.dlt`)) >= 2 ? true : undefined)),
      ).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it('dead-letters a message its handler declares invalid, after bounded retries', async () => {
    const before = await messagesInTopic(`${Topics.Dossier}.dlt`);
    const [id] = await writeEvents(1, 'F');
    const relay = new OutboxRelay(dataSource, kafka, settings, logger);
    await relay.start();
    let attempts = 0;
    const consumer = new InboxConsumer(dataSource, kafka, settings, logger, {
      name: 'failing',
      topics: [Topics.Dossier],
      maxAttempts: 3,
      retryBaseDelayMs: 10,
      handle: async (event) => {
        if (event.id === id) {
          attempts += 1;
          throw new PermanentEventError('this event can never apply');
        }
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => (attempts >= 3 ? true : undefined), { what: 'three attempts' });
      // The two poison messages of the previous test are dead-lettered by this group too, then this one.
      await waitFor(
        async () => ((await messagesInTopic(`${Topics.Dossier}.dlt`)) >= before + 3 ? true : undefined),
        {
          what: 'dead-lettered message',
        },
      );
      expect(attempts).toBe(3);
      const inbox = await dataSource.query('SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2', [
        'failing',
        id,
      ]);
      expect(inbox).toHaveLength(0);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it('retries a transient failure for as long as it takes, reports degraded, and never dead-letters it', async () => {
    const before = await messagesInTopic(`${Topics.Dossier}.dlt`);
    const [id] = await writeEvents(1, 'T');
    const relay = new OutboxRelay(dataSource, kafka, settings, logger);
    await relay.start();
    let attempts = 0;
    let release = false;
    const consumer = new InboxConsumer(dataSource, kafka, settings, logger, {
      name: 'transient',
      topics: [Topics.Dossier],
      maxAttempts: 2,
      retryBaseDelayMs: 10,
      retryMaxDelayMs: 50,
      handle: async (event, manager) => {
        if (event.id !== id) return;
        attempts += 1;
        if (!release) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        await manager.query('INSERT INTO applied (event_id, subject) VALUES ($1, $2)', [
          event.id,
          event.subject,
        ]);
      },
    });
    await consumer.start();
    try {
      // Far past maxAttempts: a transient failure is not counted against it.
      await waitFor(async () => (attempts >= 10 ? true : undefined), { what: 'ten transient failures' });
      expect(consumer.state()).toBe('degraded');
      expect(consumer.lastFailure()).toContain('ECONNREFUSED');
      const gauge = (await register.getSingleMetric('motcua_inbox_consumer_degraded')!.get()).values;
      expect(gauge.find((v) => v.labels.consumer === 'transient')?.value).toBe(1);
      release = true;
      await waitFor(
        async () => {
          const rows = await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [id]);
          return rows.length === 1 ? true : undefined;
        },
        { what: 'the event applied once the outage ends' },
      );
      await waitFor(async () => (consumer.state() === 'up' ? true : undefined), {
        what: 'the consumer up again',
      });
      // This new group dead-letters the first test's two poison messages too; the retried event is not among them.
      expect(await messagesInTopic(`${Topics.Dossier}.dlt`)).toBe(before + 2);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it('takes one relay lock per schema: a relay of another service publishes while this one holds its lock', async () => {
    const [id] = await writeEvents(1, 'L');
    const other = await createTestIsolation('messaging-lock');
    const otherSource = await openDataSource(
      createServiceDataSourceOptions({
        url: other.ownerDatabaseUrl,
        schema: other.schema,
        entities: [OutboxMessageEntity],
      }),
    );
    try {
      await runMigrations(
        createServiceDataSourceOptions({
          url: other.ownerDatabaseUrl,
          schema: other.schema,
          entities: [OutboxMessageEntity, InboxMessageEntity],
          migrations: [MessagingTestSchema1700000000000],
        }),
      );
      const relay = new OutboxRelay(dataSource, kafka, settings, logger);
      await relay.connect();
      try {
        // The other schema's relay holds its lock inside an open transaction...
        const runner = otherSource.createQueryRunner();
        await runner.startTransaction();
        await runner.query('SELECT pg_advisory_xact_lock(7420001, hashtext(current_schema()))');
        try {
          // ...and this schema's relay still publishes; a second relay of this schema would not.
          expect(await relay.publishBatch()).toBeGreaterThanOrEqual(1);
          const [row] = await dataSource.query('SELECT published_at FROM outbox WHERE event_id = $1', [id]);
          expect(row.published_at).not.toBeNull();
        } finally {
          await runner.rollbackTransaction();
          await runner.release();
        }
        await writeEvents(1, 'M');
        const sameSchema = dataSource.createQueryRunner();
        await sameSchema.startTransaction();
        await sameSchema.query('SELECT pg_advisory_xact_lock(7420001, hashtext(current_schema()))');
        try {
          expect(await relay.publishBatch()).toBe(0);
        } finally {
          await sameSchema.rollbackTransaction();
          await sameSchema.release();
        }
      } finally {
        await relay.stop();
      }
    } finally {
      await otherSource.destroy();
      await other.cleanup();
    }
  });
});
