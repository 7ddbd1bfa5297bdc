import { Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type { CloudEvent } from '@motcua/contracts';
import type { TestIsolation } from './isolation';

/** A Kafka client on the shared broker, quiet (tests assert on events, not on client logs). */
export function kafkaFor(isolation: TestIsolation, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: isolation.infra.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
}

/** A connected producer for events a test plays on behalf of other services (keyed like theirs). */
export async function eventProducer(isolation: TestIsolation, clientId: string): Promise<Producer> {
  const producer = kafkaFor(isolation, clientId).producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

export interface EventRecorder {
  /** Every event read so far, in the order read. */
  readonly events: CloudEvent[];
  stop(): Promise<void>;
}

/**
 * Reads the isolation's topics (names without the prefix, e.g. `motcua.signature.v1`) from the beginning and keeps
 * every event, so a test can wait for what a service published.
 */
export async function recordEvents(
  isolation: TestIsolation,
  clientId: string,
  topics: string[],
): Promise<EventRecorder> {
  const events: CloudEvent[] = [];
  const consumer: Consumer = kafkaFor(isolation, clientId).consumer({
    groupId: `${isolation.topicPrefix}${clientId}`,
  });
  await consumer.connect();
  await consumer.subscribe({
    topics: topics.map((topic) => `${isolation.topicPrefix}${topic}`),
    fromBeginning: true,
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      events.push(JSON.parse(message.value!.toString('utf8')) as CloudEvent);
    },
  });
  return { events, stop: () => consumer.disconnect() };
}
