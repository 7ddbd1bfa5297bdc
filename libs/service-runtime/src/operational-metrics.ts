import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { OutboxMessageEntity } from '@motcua/messaging';
import {
  gaugeAtScrape,
  gaugesOfOneReading,
  type GaugeSample,
  type ScrapeGaugeSpec,
} from '@motcua/observability';

/** Unpublished outbox rows and how long the oldest has waited: the relay keeping up, or not. */
export function outboxGauges(dataSource: DataSource): ScrapeGaugeSpec[] {
  // The partial index on unpublished rows keeps the query cheap.
  const read = async () =>
    (await dataSource
      .getRepository(OutboxMessageEntity)
      .createQueryBuilder('o')
      .select('count(*)::int', 'backlog')
      .addSelect('coalesce(extract(epoch from now() - min(o.createdAt)), 0)::float8', 'age')
      .where('o.publishedAt IS NULL')
      .getRawOne<{ backlog: number; age: number }>()) ?? { backlog: 0, age: 0 };
  return gaugesOfOneReading(read, [
    {
      name: 'motcua_outbox_backlog',
      help: 'Outbox events not yet published to Kafka',
      value: (row) => row.backlog,
    },
    {
      name: 'motcua_outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest outbox event not yet published (0 when none waits)',
      value: (row) => row.age,
    },
  ]);
}

/**
 * Lag of this service's consumer groups (`<prefix><service>.<consumer>`), per topic and partition: the end
 * of each partition minus the group's committed offset (the whole partition when it never committed).
 * Every replica of a service reports the same numbers; dashboards and alerts take their max.
 */
export function consumerLagGauge(
  kafka: Kafka,
  groupPrefix: string,
): ScrapeGaugeSpec & { close(): Promise<void> } {
  let admin: Admin | undefined;
  const connected = async () => {
    if (!admin) {
      const fresh = kafka.admin();
      await fresh.connect();
      admin = fresh;
    }
    return admin;
  };
  return {
    name: 'motcua_kafka_consumer_lag',
    help: 'Messages of a partition not yet committed by the consumer group',
    labelNames: ['group', 'topic', 'partition'],
    read: async () => {
      const client = await connected();
      try {
        const { groups } = await client.listGroups();
        const samples: GaugeSample[] = [];
        const ends = new Map<string, Map<number, { high: string; low: string }>>();
        for (const { groupId } of groups.filter((g) => g.groupId.startsWith(groupPrefix))) {
          // Without topics the broker names only the partitions the group committed; asking for those
          // topics again lists every partition (-1 where it never committed).
          const topics = (await client.fetchOffsets({ groupId })).map((t) => t.topic);
          if (topics.length === 0) continue;
          for (const { topic, partitions } of await client.fetchOffsets({ groupId, topics })) {
            if (!ends.has(topic))
              ends.set(topic, new Map((await client.fetchTopicOffsets(topic)).map((p) => [p.partition, p])));
            for (const { partition, offset } of partitions) {
              const end = ends.get(topic)!.get(partition);
              if (!end) continue;
              const committed = Number(offset) >= 0 ? Number(offset) : Number(end.low);
              const value = Math.max(0, Number(end.high) - committed);
              samples.push({ labels: { group: groupId, topic, partition }, value });
            }
          }
        }
        return samples;
      } catch (error) {
        // A fresh connection next time: the broker may have gone away under this one.
        admin = undefined;
        await client.disconnect().catch(() => undefined);
        throw error;
      }
    },
    close: async () => {
      const client = admin;
      admin = undefined;
      await client?.disconnect().catch(() => undefined);
    },
  };
}

export interface OperationalMetricsSettings {
  serviceName: string;
  topicPrefix: string;
}

/** Registers the scrape-time gauges of a service when it starts, and removes them when it stops. */
export class OperationalMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly unregister: Array<() => void> = [];
  private readonly lag: ReturnType<typeof consumerLagGauge>;

  constructor(
    private readonly dataSource: DataSource,
    kafka: Kafka,
    settings: OperationalMetricsSettings,
    private readonly serviceGauges: ScrapeGaugeSpec[],
  ) {
    this.lag = consumerLagGauge(kafka, `${settings.topicPrefix}${settings.serviceName}.`);
  }

  onApplicationBootstrap(): void {
    for (const gauge of [...outboxGauges(this.dataSource), this.lag, ...this.serviceGauges])
      this.unregister.push(gaugeAtScrape(gauge));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const remove of this.unregister.splice(0)) remove();
    await this.lag.close();
  }
}
