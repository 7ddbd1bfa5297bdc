import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { TestIsolation, waitFor } from '@motcua/testing';
import { Published } from './scenario';

/** Publishes scenario events to an isolation's topics and tells when the metrics inbox has applied them. */
export class EventFeed {
  /** The distinct event ids published so far (a redelivery adds none). */
  readonly published = new Set<string>();

  private constructor(
    private readonly isolation: TestIsolation,
    private readonly producer: Producer,
    /** The isolation's database as its owner, to look at the read models. */
    readonly db: Client,
  ) {}

  static async open(isolation: TestIsolation, clientId: string): Promise<EventFeed> {
    const kafka = new Kafka({
      clientId,
      brokers: [isolation.infra.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    return new EventFeed(isolation, producer, db);
  }

  async publish(events: Published[]): Promise<void> {
    for (const { topic, event } of events) {
      await this.producer.send({
        topic: `${this.isolation.topicPrefix}${topic}`,
        messages: [{ key: event.subject, value: JSON.stringify(event) }],
      });
      this.published.add(event.id);
    }
  }

  /** Events the read-model consumer has applied (its inbox). */
  async applied(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${this.isolation.schema}".inbox WHERE consumer = 'read-models'`,
    );
    return rows[0].n;
  }

  /** Waits until every distinct event published so far is in the inbox. */
  settled(): Promise<true> {
    return waitFor(async () => ((await this.applied()) === this.published.size ? true : undefined), {
      what: 'every event applied',
      timeoutMs: 60_000,
    });
  }

  async close(): Promise<void> {
    await this.db.end();
    await this.producer.disconnect();
  }
}
