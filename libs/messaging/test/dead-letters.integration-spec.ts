import { DataSource } from 'typeorm';
import { Kafka } from 'kafkajs';
import { createCloudEvent, DossierStatusChangedV1, EventTypes, Topics } from '@motcua/contracts';
import { TestIsolation, waitFor } from '@motcua/testing';
import {
  appendToOutbox,
  DeadLetters,
  InboxConsumer,
  OutboxRelay,
  PermanentEventError,
  prefixed,
  replayLogTopicOf,
} from '../src';
import { MessagingFixture, startMessagingFixture } from './support/messaging-fixture';
import { runDeadLetterTool } from '../src/dlt-main';

describe('dead letters: listed with their reason, replayed once into the original consumer, recorded', () => {
  let isolation: TestIsolation;
  let dataSource: DataSource;
  let kafka: Kafka;
  let settings: MessagingFixture['settings'];
  let logger: MessagingFixture['logger'];
  const saved = { ...process.env };

  beforeAll(async () => {
    ({ isolation, dataSource, kafka, settings, logger } = await startMessagingFixture(
      'deadletters',
      'dead-letters-test',
    ));
    Object.assign(process.env, {
      KAFKA_BROKERS: settings.brokers,
      KAFKA_TOPIC_PREFIX: settings.topicPrefix,
      DLT_OPERATOR: 'ops-on-call',
    });
  });

  afterAll(async () => {
    process.env = saved;
    await dataSource?.destroy();
    await isolation?.cleanup();
  });

  it('replays a dead letter once its cause is fixed; the gauge and the record follow', async () => {
    const code = '000.00.12.H49-261202-9001';
    const data: DossierStatusChangedV1 = {
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
      elapsedWorkingMinutes: 1,
      supplementRequests: 0,
      apologized: false,
      late: false,
    };
    const event = createCloudEvent({
      type: EventTypes.DossierStatusChangedV1,
      source: '/test',
      subject: code,
      data,
    });
    await dataSource.transaction((manager) => appendToOutbox(manager, [event]));
    const relay = new OutboxRelay(dataSource, kafka, settings, logger);
    await relay.start();
    let fixed = false;
    let applied = 0;
    const consumer = new InboxConsumer(dataSource, kafka, settings, logger, {
      name: 'replayable',
      topics: [Topics.Dossier],
      maxAttempts: 2,
      retryBaseDelayMs: 10,
      handle: async (e) => {
        if (e.id !== event.id) return;
        if (!fixed) throw new PermanentEventError('procedure unknown to this consumer');
        applied += 1;
      },
    });
    await consumer.start();
    const letters = new DeadLetters(kafka, settings);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(async () => ((await letters.depth(Topics.Dossier, admin)) === 1 ? true : undefined), {
        what: 'the event dead-lettered',
      });
      const out: string[] = [];
      await runDeadLetterTool(['list', Topics.Dossier], (t) => out.push(t));
      expect(out[0]).toBe(`${Topics.Dossier}.dlt: 1 dead letter(s), 1 not replayed`);
      expect(out[1]).toContain(event.id);
      expect(out[1]).toContain('handler-declared-invalid');
      expect(out[1]).toContain('procedure unknown to this consumer');

      const shown: string[] = [];
      const [, partition, offset] = out[1].trim().split(/\s+/)[0].split('/').slice(-3);
      await runDeadLetterTool(['show', `${Topics.Dossier}.dlt`, partition, offset], (t) => shown.push(t));
      expect(JSON.parse(shown[0])).toMatchObject({
        eventId: event.id,
        consumer: 'replayable',
        replayed: false,
      });

      fixed = true;
      const replayed: string[] = [];
      await runDeadLetterTool(['replay', Topics.Dossier, '--all', '--note', 'procedure added'], (t) =>
        replayed.push(t),
      );
      expect(replayed[0]).toMatch(/^replayed 1 dead letter/);
      await waitFor(async () => (applied === 1 ? true : undefined), { what: 'the replayed event applied' });
      expect(await letters.depth(Topics.Dossier, admin)).toBe(0);

      // A second replay finds nothing left: the record keeps it from being replayed twice.
      const again: string[] = [];
      await runDeadLetterTool(['replay', Topics.Dossier, '--all'], (t) => again.push(t));
      expect(again[0]).toMatch(/^replayed 0 dead letter/);
      const listed = await letters.list(Topics.Dossier);
      expect(listed.map((l) => l.replayed)).toEqual([true]);
      const record = await admin.fetchTopicOffsets(prefixed(settings, replayLogTopicOf(Topics.Dossier)));
      expect(record.reduce((sum, p) => sum + Number(p.high), 0)).toBe(1);
      // The inbox kept it exactly-once: one row, whatever the redeliveries.
      const rows = await dataSource.query('SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2', [
        'replayable',
        event.id,
      ]);
      expect(rows).toHaveLength(1);
      expect(applied).toBe(1);
    } finally {
      await admin.disconnect();
      await consumer.stop();
      await relay.stop();
    }
  });
});
