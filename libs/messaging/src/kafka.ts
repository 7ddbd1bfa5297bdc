import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaSettings {
  clientId: string;
  brokers: string;
  /** Prefix of every topic and group name of this deployment (empty in production; unique per test). */
  topicPrefix: string;
}

const LEVEL: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(settings: KafkaSettings, logger: Logger): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[LEVEL[level] ?? 'info'](rest, message);
      },
  });
}

export function prefixed(settings: Pick<KafkaSettings, 'topicPrefix'>, name: string): string {
  return `${settings.topicPrefix}${name}`;
}

/**
 * Creates topics that do not exist yet and waits until every partition has a leader (local and test deployments;
 * production topics are declared to the operator). A broker that just created a topic can briefly answer
 * "does not host this topic-partition": that is retried, within a bound.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  numPartitions = 3,
  timeoutMs = 30_000,
): Promise<void> {
  const wanted = [...new Set(topics)];
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((t) => !existing.has(t));
        if (missing.length > 0) {
          await admin
            .createTopics({
              waitForLeaders: false,
              topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
            })
            .catch((error: { type?: string }) => {
              // Another process created it between list and create.
              if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
            });
        }
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: wanted });
        const ready = metadata.every(
          (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
        );
        if (ready) return;
        throw new Error('partitions without a leader yet');
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 1000)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
