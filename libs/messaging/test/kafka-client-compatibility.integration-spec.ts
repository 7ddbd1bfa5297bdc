import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { loadInfraEnv } from '@motcua/dev-stack';

/** Proves kafkajs 2.2.4 against the broker infra/local runs: admin, keyed produce, group consume, manual commit. */
describe('kafkajs against the local Kafka broker', () => {
  const infra = loadInfraEnv();
  const kafka = new Kafka({
    clientId: 'compat-test',
    brokers: infra.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = `t.compat.${randomUUID()}`;
  const groupId = `t.compat.group.${randomUUID()}`;

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates a topic, produces keyed messages, consumes them in a group and resumes from the committed offset', async () => {
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(
      true,
    );
    expect(await admin.listTopics()).toContain(topic);

    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const keys = ['a', 'b', 'c', 'd'];
    await producer.send({
      topic,
      acks: -1,
      messages: keys.flatMap((key) => [1, 2, 3].map((n) => ({ key, value: `${key}-${n}` }))),
    });

    const consume = async (expected: number) => {
      const received: Array<{ key: string; value: string; partition: number }> = [];
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        void consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ message, partition }) => {
              received.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
              await consumer.commitOffsets([
                { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
              ]);
              if (received.length === expected) resolve();
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
      return received;
    };

    const first = await consume(12);
    // One key's messages stay on one partition, in order.
    for (const key of keys) {
      const own = first.filter((m) => m.key === key);
      expect(own.map((m) => m.value)).toEqual([`${key}-1`, `${key}-2`, `${key}-3`]);
      expect(new Set(own.map((m) => m.partition)).size).toBe(1);
    }

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    // A partition no key hashed to reports -1 (nothing committed).
    const total = committed[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    expect(total).toBe(12);

    // A restarted member of the group starts after the committed offsets: only the new message arrives.
    await producer.send({ topic, acks: -1, messages: [{ key: 'e', value: 'e-1' }] });
    const second = await consume(1);
    expect(second.map((m) => m.value)).toEqual(['e-1']);

    await producer.disconnect();
    await admin.disconnect();
  });
});
