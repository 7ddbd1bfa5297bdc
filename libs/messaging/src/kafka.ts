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

/** Creates topics that do not exist yet (local and test deployments; production topics are declared to the operator). */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin
      .createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
      })
      .catch((error: { type?: string }) => {
        // Another process created it between list and create.
        if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
      });
  } finally {
    await admin.disconnect();
  }
}
