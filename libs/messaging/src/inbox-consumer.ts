import { DataSource, EntityManager } from 'typeorm';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { CloudEvent, deadLetterTopicOf, parseCloudEvent } from '@motcua/contracts';
import { KafkaSettings, prefixed } from './kafka';
import { getOrCreateMetric } from './metrics';

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
}

/** Applies one event's effects through `manager`, i.e. inside the transaction that records it as processed. */
export type EventHandler = (
  event: CloudEvent,
  manager: EntityManager,
  context: MessageContext,
) => Promise<void>;

export interface InboxConsumerOptions {
  /** Names the consumer in the inbox table and in the consumer group (`<service>.<name>`). */
  name: string;
  /** Topics without the deployment's prefix. */
  topics: string[];
  handle: EventHandler;
  /** Attempts before a message goes to the dead-letter topic. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  fromBeginning?: boolean;
  /** Test seam: runs after a message's transaction committed, before the batch's offsets are. */
  afterMessageCommitted?: (event: CloudEvent, context: MessageContext) => Promise<void>;
}

class PoisonMessageError extends Error {}

/**
 * Idempotent consumer: each message is applied and recorded in the inbox in one transaction,
 * and offsets are committed only after that. A redelivered message finds its inbox row and is skipped.
 * A message that keeps failing (or is not a valid event) goes to `<topic>.dlt` after bounded retries,
 * so the partition keeps flowing.
 */
export class InboxConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly processed: Counter<'consumer' | 'outcome'>;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    kafka: Kafka,
    private readonly settings: KafkaSettings & { serviceName: string },
    private readonly logger: Logger,
    private readonly options: InboxConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: prefixed(settings, `${settings.serviceName}.${options.name}`),
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    this.dlqProducer = kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.processed = getOrCreateMetric(
      'motcua_inbox_messages_total',
      () =>
        new Counter({
          name: 'motcua_inbox_messages_total',
          help: 'Consumed messages by outcome (applied, duplicate, dead_lettered)',
          labelNames: ['consumer', 'outcome'],
        }),
    );
  }

  /** Topic names as they exist on the broker (with prefix), dead-letter topics included. */
  brokerTopics(): string[] {
    return this.options.topics.flatMap((t) => [
      prefixed(this.settings, t),
      prefixed(this.settings, deadLetterTopicOf(t)),
    ]);
  }

  async start(): Promise<void> {
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((t) => prefixed(this.settings, t)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    let lastDone: string | undefined;
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        const context = { topic: batch.topic, partition: batch.partition, offset: message.offset };
        await this.processWithRetries(message, context, heartbeat);
        resolveOffset(message.offset);
        lastDone = message.offset;
      }
    } finally {
      // Only offsets whose effects are committed are committed; the rest is redelivered.
      if (lastDone !== undefined) {
        await this.consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: (BigInt(lastDone) + 1n).toString() },
        ]);
      }
    }
  }

  private async processWithRetries(
    message: KafkaMessage,
    context: MessageContext,
    heartbeat: () => Promise<void>,
  ) {
    const parsed = parseCloudEvent(message.value);
    if (!parsed.valid) {
      await this.deadLetter(message, context, new PoisonMessageError(parsed.errors.join('; ')), 0);
      return;
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    const baseDelay = this.options.retryBaseDelayMs ?? 200;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const applied = await this.applyOnce(parsed.event, context);
        this.processed.inc({ consumer: this.options.name, outcome: applied ? 'applied' : 'duplicate' });
        if (applied) await this.options.afterMessageCommitted?.(parsed.event, context);
        return;
      } catch (error) {
        // A failure while shutting down says nothing about the message: leave it uncommitted for redelivery.
        if (this.stopping) throw error;
        if (attempt >= maxAttempts) {
          await this.deadLetter(message, context, error as Error, attempt);
          return;
        }
        this.logger.warn(
          { err: error, eventId: parsed.event.id, eventType: parsed.event.type, attempt, ...context },
          'event handling failed; retrying',
        );
        const delay = baseDelay * 2 ** (attempt - 1);
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
        await heartbeat();
      }
    }
  }

  /** Returns false when the event had already been applied (a redelivery). */
  private async applyOnce(event: CloudEvent, context: MessageContext): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.name, event.id, event.type, context.topic, context.partition, context.offset],
      );
      if (inserted.length === 0) return false;
      await this.options.handle(event, manager, context);
      return true;
    });
  }

  private async deadLetter(message: KafkaMessage, context: MessageContext, error: Error, attempts: number) {
    const baseTopic = context.topic.slice(this.settings.topicPrefix.length);
    const headers: IHeaders = {
      ...message.headers,
      'x-dlt-reason': error instanceof PoisonMessageError ? 'invalid-event' : 'handler-failed',
      'x-dlt-error': (error.message ?? String(error)).slice(0, 1000),
      'x-dlt-attempts': String(attempts),
      'x-dlt-source': `${context.topic}/${context.partition}/${context.offset}`,
      'x-dlt-consumer': this.options.name,
    };
    await this.dlqProducer.send({
      topic: prefixed(this.settings, deadLetterTopicOf(baseTopic)),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.processed.inc({ consumer: this.options.name, outcome: 'dead_lettered' });
    this.logger.error(
      { err: error, attempts, ...context, reason: headers['x-dlt-reason'] },
      'message sent to dead-letter topic',
    );
  }
}
