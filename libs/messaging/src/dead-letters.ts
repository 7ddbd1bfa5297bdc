import { randomUUID } from 'node:crypto';
import { Admin, IHeaders, Kafka, KafkaMessage, Partitioners } from 'kafkajs';
import { deadLetterTopicOf } from '@motcua/contracts';
import { KafkaSettings, prefixed } from './kafka';

/** The append-only record of replays of `<topic>.dlt`: one message per replayed dead letter, never deleted. */
export function replayLogTopicOf(topic: string): string {
  return `${deadLetterTopicOf(topic)}.replays`;
}

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  eventId?: string;
  eventType?: string;
  reason?: string;
  error?: string;
  consumer?: string;
  at?: string;
  replayed: boolean;
  value: string | null;
}

export interface ReplayRecord {
  dlt: string;
  partition: number;
  offset: string;
  eventId?: string;
  by: string;
  at: string;
  note?: string;
}

const header = (headers: IHeaders | undefined, name: string) => {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value)?.toString();
};

async function readWholeTopic(
  kafka: Kafka,
  admin: Admin,
  topic: string,
): Promise<Array<{ partition: number; message: KafkaMessage }>> {
  const existing = new Set(await admin.listTopics());
  if (!existing.has(topic)) return [];
  const offsets = await admin.fetchTopicOffsets(topic);
  const pending = new Map(
    offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
  );
  if (pending.size === 0) return [];
  // A throw-away group reads from the beginning; it commits nothing, so nothing of the topic changes.
  const consumer = kafka.consumer({
    groupId: `motcua-dlt-tool-${randomUUID()}`,
    allowAutoTopicCreation: false,
  });
  const read: Array<{ partition: number; message: KafkaMessage }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), 60_000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            read.push({ partition, message });
            if (BigInt(message.offset) + 1n >= (pending.get(partition) ?? 0n)) pending.delete(partition);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return read.sort(
    (a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)),
  );
}

/**
 * Operator's view of the dead-letter topics: list them with their reason, and replay chosen ones into their
 * original topic, where every consumer's inbox keeps it exactly-once. Each replay is appended to
 * `<topic>.dlt.replays` (who, when, which), and a dead letter replayed once is not replayed again.
 */
export class DeadLetters {
  constructor(
    private readonly kafka: Kafka,
    private readonly settings: Pick<KafkaSettings, 'topicPrefix'>,
  ) {}

  async list(topic: string): Promise<DeadLetter[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const dlt = prefixed(this.settings, deadLetterTopicOf(topic));
      const replayed = new Set(
        (await readWholeTopic(this.kafka, admin, prefixed(this.settings, replayLogTopicOf(topic)))).map(
          ({ message }) => {
            const record = JSON.parse(message.value?.toString() ?? '{}') as ReplayRecord;
            return `${record.partition}/${record.offset}`;
          },
        ),
      );
      return (await readWholeTopic(this.kafka, admin, dlt)).map(({ partition, message }) => ({
        topic: dlt,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        eventId: header(message.headers, 'ce_id'),
        eventType: header(message.headers, 'ce_type'),
        reason: header(message.headers, 'x-dlt-reason'),
        error: header(message.headers, 'x-dlt-error'),
        consumer: header(message.headers, 'x-dlt-consumer'),
        at: header(message.headers, 'x-dlt-at'),
        replayed: replayed.has(`${partition}/${message.offset}`),
        value: message.value?.toString() ?? null,
      }));
    } finally {
      await admin.disconnect();
    }
  }

  /** Dead letters of `topic` not yet replayed, per the replay record: what the depth gauge counts. */
  async depth(topic: string, admin: Admin): Promise<number> {
    const existing = new Set(await admin.listTopics());
    const count = async (name: string) =>
      existing.has(name)
        ? (await admin.fetchTopicOffsets(name)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0)
        : 0;
    const dlt = await count(prefixed(this.settings, deadLetterTopicOf(topic)));
    const replays = await count(prefixed(this.settings, replayLogTopicOf(topic)));
    return Math.max(0, dlt - replays);
  }

  /**
   * Replays the dead letters `select` picks (not yet replayed) into `topic`, recording each. Returns what it replayed.
   */
  async replay(
    topic: string,
    select: (letter: DeadLetter) => boolean,
    by: string,
    note?: string,
  ): Promise<DeadLetter[]> {
    const chosen = (await this.list(topic)).filter((l) => !l.replayed && select(l));
    if (chosen.length === 0) return [];
    const producer = this.kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        const log = prefixed(this.settings, replayLogTopicOf(topic));
        if (!(await admin.listTopics()).includes(log)) {
          await admin
            .createTopics({ topics: [{ topic: log, numPartitions: 1, replicationFactor: 1 }] })
            .catch((error: { type?: string }) => {
              if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
            });
        }
      } finally {
        await admin.disconnect();
      }
      for (const letter of chosen) {
        // The event as it was, to its original topic and key; consumers that applied it already skip it.
        await producer.send({
          topic: prefixed(this.settings, topic),
          acks: -1,
          messages: [
            {
              key: letter.key,
              value: letter.value,
              headers: {
                'content-type': 'application/cloudevents+json; charset=utf-8',
                ...(letter.eventId ? { ce_id: letter.eventId } : {}),
                ...(letter.eventType ? { ce_type: letter.eventType } : {}),
                'x-replayed-from': `${letter.topic}/${letter.partition}/${letter.offset}`,
              },
            },
          ],
        });
        const record: ReplayRecord = {
          dlt: letter.topic,
          partition: letter.partition,
          offset: letter.offset,
          eventId: letter.eventId,
          by,
          at: new Date().toISOString(),
          ...(note ? { note } : {}),
        };
        await producer.send({
          topic: prefixed(this.settings, replayLogTopicOf(topic)),
          acks: -1,
          messages: [{ key: `${letter.partition}/${letter.offset}`, value: JSON.stringify(record) }],
        });
      }
    } finally {
      await producer.disconnect();
    }
    return chosen;
  }
}
