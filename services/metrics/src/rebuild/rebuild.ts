import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createServiceDataSourceOptions, openDataSource } from '@motcua/persistence';
import { prefixed } from '@motcua/messaging';
import { MetricsConfig } from '../config/metrics.config';
import { READ_MODEL_CONSUMER, READ_MODEL_TOPICS } from '../facts/facts.module';

/** Every table the consumer fills; the inbox goes with them so each event is applied again. */
export const READ_MODEL_TABLES = [
  'dossier_fact',
  'dossier_status_log',
  'dossier_flow_month',
  'dossier_digitization_month',
  'document_fact',
  'applicant_check',
  'signature_result',
  'applicant_check_result',
  'feedback_result',
];

/** What the replay after the rebuild will read of one topic. */
export interface TopicHistory {
  partitions: number;
  events: number;
  /** False when retention deleted the topic's first events: the rebuilt read models would miss them. */
  complete: boolean;
}

export interface RebuildOutcome {
  group: string;
  tablesEmptied: string[];
  topics: Record<string, TopicHistory>;
}

export interface RebuildOptions {
  /** Rebuild even when a topic no longer holds its first event (the history before it is lost for reports). */
  acceptHistoryLoss?: boolean;
}

/**
 * Empties the read models and the consumer's inbox and deletes its consumer group, so the next start of the
 * service consumes the topics from the beginning as a fresh group and folds every event again. The service must be
 * stopped: Kafka refuses to delete a group with live members, and the read models are untouched then.
 */
export async function rebuildReadModels(
  config: MetricsConfig,
  serviceName = 'metrics',
  options: RebuildOptions = {},
): Promise<RebuildOutcome> {
  const group = prefixed({ topicPrefix: config.KAFKA_TOPIC_PREFIX }, `${serviceName}.${READ_MODEL_CONSUMER}`);
  const kafka = new Kafka({
    clientId: `${config.KAFKA_CLIENT_ID}-rebuild`,
    brokers: config.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([group]);
    const live = groups.find((g) => g.groupId === group && g.members.length > 0);
    if (live) {
      throw new Error(
        `consumer group ${group} has ${live.members.length} live member(s): stop the metrics service first`,
      );
    }
    // Refuse before touching anything when the topics cannot give back every event the read models hold.
    const topics: Record<string, TopicHistory> = {};
    for (const topic of READ_MODEL_TOPICS) {
      const offsets = await admin.fetchTopicOffsets(
        prefixed({ topicPrefix: config.KAFKA_TOPIC_PREFIX }, topic),
      );
      topics[topic] = {
        partitions: offsets.length,
        events: offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0),
        complete: offsets.every((p) => p.low === '0'),
      };
    }
    const truncated = Object.keys(topics).filter((t) => !topics[t].complete);
    if (truncated.length && !options.acceptHistoryLoss) {
      throw new Error(
        `${truncated.join(', ')} no longer hold their first events (retention deleted them): a rebuild would lose ` +
          'that history from the reports. Nothing was changed; rerun with --accept-history-loss to rebuild anyway.',
      );
    }
    const dataSource: DataSource = await openDataSource(
      createServiceDataSourceOptions({
        url: config.DATABASE_URL,
        schema: config.DATABASE_SCHEMA,
        entities: [],
        poolSize: 1,
      }),
    );
    try {
      await dataSource.transaction(async (manager) => {
        for (const table of READ_MODEL_TABLES) await manager.query(`DELETE FROM ${table}`);
        await manager.query('DELETE FROM inbox WHERE consumer = $1', [READ_MODEL_CONSUMER]);
      });
    } finally {
      await dataSource.destroy();
    }
    if (groups.some((g) => g.groupId === group && g.state !== 'Dead')) {
      await admin.deleteGroups([group]);
    }
    return { group, tablesEmptied: READ_MODEL_TABLES, topics };
  } finally {
    await admin.disconnect();
  }
}
