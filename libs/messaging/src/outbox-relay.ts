import { DataSource } from 'typeorm';
import { CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { KafkaSettings, prefixed } from './kafka';
import { getOrCreateMetric } from './metrics';

export interface OutboxRelayOptions {
  batchSize?: number;
  idlePollMs?: number;
  /**
   * After a partial batch, wait this long before the next one so that events written meanwhile go out
   * together: under load this bounds the relay's own commits instead of adding one per request.
   */
  lingerMs?: number;
  /** Published rows older than this are deleted; they are kept a while for diagnosis. */
  retainPublishedHours?: number;
  /**
   * Test seam: runs after Kafka acknowledged a batch and before the rows are marked published.
   * Throwing here is what a crash at that instant looks like to the database: the marks roll back.
   */
  afterPublishBeforeMark?: () => Promise<void>;
}

interface PendingRow {
  seq: string;
  topic: string;
  message_key: string;
  traceparent: string | null;
  payload: Record<string, unknown> & { id: string; type: string; traceparent?: string };
}

/**
 * The lock is (this constant, hash of the schema): the same for every replica of one service, different between
 * services sharing a database, so each service's relay publishes independently of the others'.
 */
const RELAY_LOCK_NAMESPACE = 7_420_001;

/**
 * Publishes the outbox to Kafka: at least once, in commit order per dossier.
 * Only one replica of a service publishes at a time (transaction-scoped advisory lock per schema) so that two
 * relays never interleave one dossier's events; consumers drop the duplicates a crash can cause.
 */
export class OutboxRelay {
  private readonly producer: Producer;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastPurge = 0;
  private readonly published: Counter;

  constructor(
    private readonly dataSource: DataSource,
    kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions = {},
  ) {
    // One request in flight keeps each partition in commit order; duplicates after a crash are the inbox's job,
    // so bounded retries (not kafkajs' idempotent mode, which wants unbounded ones) are the right trade.
    this.producer = kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.published = getOrCreateMetric(
      'motcua_outbox_published_total',
      () => new Counter({ name: 'motcua_outbox_published_total', help: 'Outbox events published to Kafka' }),
    );
  }

  /** Connects the producer only: `publishBatch()` can then be driven by hand (tests, one-off drains). */
  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async start(): Promise<void> {
    await this.connect();
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the relay look again at once (called after a commit that wrote to the outbox). */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer.disconnect();
  }

  private async run(): Promise<void> {
    const idle = this.options.idlePollMs ?? 100;
    const linger = this.options.lingerMs ?? 20;
    const batchSize = this.options.batchSize ?? 500;
    let failures = 0;
    while (this.running) {
      try {
        const count = await this.publishBatch();
        failures = 0;
        await this.purgeOccasionally();
        if (count >= batchSize) continue;
        if (count > 0) {
          await new Promise((resolve) => setTimeout(resolve, linger));
          continue;
        }
      } catch (error) {
        failures += 1;
        this.logger.error({ err: error, failures }, 'outbox relay batch failed; will retry');
      }
      const delay = failures === 0 ? idle : Math.min(idle * 2 ** failures, 5000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Publishes one batch; returns how many events went out (0 when idle or another replica holds the lock). */
  async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS locked',
        [RELAY_LOCK_NAMESPACE],
      );
      if (!locked) return 0;
      const rows: PendingRow[] = await manager.query(
        `SELECT seq, topic, message_key, COALESCE(traceparent, payload->>'traceparent') AS traceparent, payload
           FROM outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, PendingRow[]>();
      for (const row of rows) {
        const topicRows = byTopic.get(row.topic);
        if (topicRows) topicRows.push(row);
        else byTopic.set(row.topic, [row]);
      }
      // One producer span per event, child of the span that wrote the row; its context goes in the Kafka header.
      const spans = rows.map((row) => this.publishSpan(row));
      const traceHeaders = new Map(rows.map((row, i) => [row.seq, spans[i].headers]));
      try {
        await this.producer.sendBatch({
          acks: -1,
          compression: CompressionTypes.None,
          topicMessages: [...byTopic].map(([topic, topicRows]) => ({
            topic: prefixed(this.settings, topic),
            messages: topicRows.map((row) => ({
              key: row.message_key,
              value: JSON.stringify(row.payload),
              headers: {
                'content-type': 'application/cloudevents+json; charset=utf-8',
                ce_id: row.payload.id,
                ce_type: row.payload.type,
                ...traceHeaders.get(row.seq),
              },
            })),
          })),
        });
      } finally {
        for (const { span } of spans) span.end();
      }
      await this.options.afterPublishBeforeMark?.();
      await manager.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
        rows.map((r) => r.seq),
      ]);
      this.published.inc(rows.length);
      return rows.length;
    });
  }

  private publishSpan(row: PendingRow) {
    const parent = row.traceparent
      ? propagation.extract(ROOT_CONTEXT, { traceparent: row.traceparent })
      : ROOT_CONTEXT;
    const span = trace.getTracer('motcua-messaging').startSpan(
      `publish ${row.topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': prefixed(this.settings, row.topic),
          'messaging.message.id': row.payload.id,
          'messaging.kafka.message.key': row.message_key,
        },
      },
      parent,
    );
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(parent, span), headers);
    // Without tracing the stored traceparent still travels.
    if (!headers.traceparent && row.traceparent) headers.traceparent = row.traceparent;
    return { span, headers };
  }

  private async purgeOccasionally(): Promise<void> {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    const hours = this.options.retainPublishedHours ?? 24 * 7;
    await this.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`,
      [hours],
    );
  }
}
