import { DataSource, EntityManager } from 'typeorm';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  CatalogueEvent,
  deadLetterTopicOf,
  EventType,
  parseCloudEvent,
  TypedCloudEvent,
} from '@motcua/contracts';
import { InvalidEventError, isPermanentEventError } from './event-errors';
import { KafkaSettings, prefixed } from './kafka';
import { getOrCreateMetric } from './metrics';

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Applies one event's effects through `manager`, i.e. inside the transaction that records it as processed. The event
 * is a union discriminated by `type`: `switch (event.type)` gives each case its typed data.
 */
export type EventHandler = (
  event: CatalogueEvent,
  manager: EntityManager,
  context: MessageContext,
) => Promise<void>;

/** One handler per event type, each receiving that type's data; types without a handler are skipped. */
export type EventHandlers = {
  [K in EventType]?: (
    event: TypedCloudEvent<K>,
    manager: EntityManager,
    context: MessageContext,
  ) => Promise<void>;
};

/** The consumer's handler for per-type handlers (the registration a consumer declares). */
export function handleByType(handlers: EventHandlers): EventHandler {
  return async (event, manager, context) => {
    // Sound: `handlers[event.type]` is the handler of exactly this event's type.
    const handler = handlers[event.type] as EventHandler | undefined;
    await handler?.(event, manager, context);
  };
}

export interface InboxConsumerOptions {
  /** Names the consumer in the inbox table and in the consumer group (`<service>.<name>`). */
  name: string;
  /** Topics without the deployment's prefix. */
  topics: string[];
  handle: EventHandler;
  /** Attempts before a message whose handler declared it invalid (PermanentEventError) goes to the dead-letter topic. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  /** Cap of the backoff between attempts of a transient failure, which are retried for as long as it takes. */
  retryMaxDelayMs?: number;
  fromBeginning?: boolean;
  /** Test seam: runs after a message's transaction committed, before the batch's offsets are. */
  afterMessageCommitted?: (event: CatalogueEvent, context: MessageContext) => Promise<void>;
}

/** `joining` until the group assigned partitions (and again during a rebalance); `degraded` while retrying an outage. */
export type ConsumerState = 'stopped' | 'joining' | 'up' | 'degraded';

/** Consumer sessions: a dead member is noticed within this, so a restarted instance gets partitions back quickly. */
export const CONSUMER_SESSION_TIMEOUT_MS = 10_000;
/** A third of the session timeout or less, as Kafka recommends. */
export const CONSUMER_HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * Idempotent consumer: each message is applied and recorded in the inbox in one transaction,
 * and offsets are committed only after that. A redelivered message finds its inbox row and is skipped.
 * Failures are transient unless declared otherwise: the partition holds at the failing message and retries with
 * capped backoff (heartbeating, so the group keeps the member) until it succeeds. Only deterministic failures
 * (not a valid event; a handler's PermanentEventError after bounded attempts) go to `<topic>.dlt`.
 */
export class InboxConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly processed: Counter<'consumer' | 'outcome'>;
  private readonly degradedGauge: Gauge<'consumer'>;
  private stopping = false;
  private joined = false;
  private failing: string | undefined;
  private starting: Promise<void> | undefined;

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
      sessionTimeout: CONSUMER_SESSION_TIMEOUT_MS,
      heartbeatInterval: CONSUMER_HEARTBEAT_INTERVAL_MS,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    this.consumer.on(this.consumer.events.REBALANCING, () => {
      this.joined = false;
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      // kafkajs restarts by itself after retriable errors only; any other crash would leave the consumer dead.
      if (!payload.restart && !this.stopping) {
        this.logger.warn({ err: payload.error, consumer: this.options.name }, 'consumer crashed; restarting');
        this.startInBackground();
      }
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
    this.degradedGauge = getOrCreateMetric(
      'motcua_inbox_consumer_degraded',
      () =>
        new Gauge({
          name: 'motcua_inbox_consumer_degraded',
          help: '1 while the consumer retries a transient failure (its partition holds), else 0',
          labelNames: ['consumer'],
        }),
    );
    this.degradedGauge.set({ consumer: options.name }, 0);
  }

  get name(): string {
    return this.options.name;
  }

  /** Topics without the deployment's prefix. */
  get topics(): string[] {
    return this.options.topics;
  }

  state(): ConsumerState {
    if (this.stopping || !this.starting) return 'stopped';
    if (this.failing !== undefined) return 'degraded';
    return this.joined ? 'up' : 'joining';
  }

  /** Why the consumer is degraded (the last transient error), for readiness. */
  lastFailure(): string | undefined {
    return this.failing;
  }

  /** Topic names as they exist on the broker (with prefix), dead-letter topics included. */
  brokerTopics(): string[] {
    return this.options.topics.flatMap((t) => [
      prefixed(this.settings, t),
      prefixed(this.settings, deadLetterTopicOf(t)),
    ]);
  }

  /** Resolves once the group assigned this member its partitions. */
  async start(): Promise<void> {
    this.starting = this.connectAndRun();
    await this.starting;
  }

  /**
   * Starts without waiting for the group join, which after a crash waits for the dead member's session to expire:
   * HTTP must not wait for that. Failures to reach Kafka are retried until `stop()`.
   */
  startInBackground(): void {
    this.starting = (async () => {
      for (let attempt = 1; !this.stopping; attempt += 1) {
        try {
          await this.connectAndRun();
          return;
        } catch (error) {
          if (this.stopping) return;
          this.logger.warn(
            { err: error, consumer: this.options.name, attempt },
            'consumer start failed; retrying',
          );
          // From scratch: a half-started consumer refuses a second subscribe/run.
          await this.consumer.disconnect().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5000)));
        }
      }
    })();
  }

  private async connectAndRun(): Promise<void> {
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
    await this.starting?.catch(() => undefined);
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
    this.degradedGauge.set({ consumer: this.options.name }, 0);
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
        const done = await this.processWithRetries(
          message,
          context,
          heartbeat,
          () => isRunning() && !isStale(),
        );
        if (!done) break;
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

  /** Returns false when the batch must stop (shutdown or rebalance) without the message being done. */
  private async processWithRetries(
    message: KafkaMessage,
    context: MessageContext,
    heartbeat: () => Promise<void>,
    stillOwned: () => boolean,
  ): Promise<boolean> {
    const parsed = parseCloudEvent(message.value);
    if (!parsed.valid) {
      await this.deadLetter(message, context, new InvalidEventError(parsed.errors.join('; ')), 0);
      return true;
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    const baseDelay = this.options.retryBaseDelayMs ?? 200;
    const maxDelay = this.options.retryMaxDelayMs ?? 5000;
    let permanentFailures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const applied = await this.applyInSpan(message, parsed.event, context, attempt);
        this.processed.inc({ consumer: this.options.name, outcome: applied ? 'applied' : 'duplicate' });
        this.recovered();
        if (applied) await this.options.afterMessageCommitted?.(parsed.event, context);
        return true;
      } catch (error) {
        // A failure while shutting down says nothing about the message: leave it uncommitted for redelivery.
        if (this.stopping) throw error;
        const permanent = isPermanentEventError(error);
        if (permanent) permanentFailures += 1;
        if (permanent && permanentFailures >= maxAttempts) {
          this.recovered();
          await this.deadLetter(message, context, error, permanentFailures);
          return true;
        }
        if (!permanent) this.degrade(error as Error);
        this.logger.warn(
          {
            err: error,
            eventId: parsed.event.id,
            eventType: parsed.event.type,
            attempt,
            permanent,
            ...context,
          },
          permanent
            ? 'event declared invalid; retrying before dead-lettering'
            : 'transient failure; retrying',
        );
        const delay = Math.min(baseDelay * 2 ** Math.min(attempt - 1, 20), maxDelay);
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
        if (!stillOwned()) return false;
        // Keeps the membership while the partition holds; a rebalance meanwhile ends the batch (redelivered).
        await heartbeat();
      }
    }
  }

  private degrade(error: Error): void {
    if (this.failing === undefined) this.degradedGauge.set({ consumer: this.options.name }, 1);
    this.failing = (error?.message ?? String(error)).slice(0, 200);
  }

  private recovered(): void {
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.degradedGauge.set({ consumer: this.options.name }, 0);
    this.logger.info({ consumer: this.options.name }, 'consumer recovered');
  }

  /**
   * The handler runs in a consumer span whose parent is the producer's (Kafka `traceparent` header) or, for a
   * message without one, the trace the event was created in (its CloudEvents extension).
   */
  private async applyInSpan(
    message: KafkaMessage,
    event: CatalogueEvent,
    messageContext: MessageContext,
    attempt: number,
  ): Promise<boolean> {
    const header = message.headers?.traceparent;
    const traceparent = header ? String(header) : event.traceparent;
    const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
    const span = trace.getTracer('motcua-messaging').startSpan(
      `process ${messageContext.topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': messageContext.topic,
          'messaging.destination.partition.id': String(messageContext.partition),
          'messaging.kafka.offset': Number(messageContext.offset),
          'messaging.consumer.group.name': prefixed(
            this.settings,
            `${this.settings.serviceName}.${this.options.name}`,
          ),
          'messaging.message.id': event.id,
          'cloudevents.event_type': event.type,
          'motcua.attempt': attempt,
        },
      },
      parent,
    );
    try {
      const applied = await context.with(trace.setSpan(parent, span), () =>
        this.applyOnce(event, messageContext),
      );
      if (!applied) span.setAttribute('motcua.inbox.duplicate', true);
      return applied;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  }

  /** Returns false when the event had already been applied (a redelivery). */
  private async applyOnce(event: CatalogueEvent, context: MessageContext): Promise<boolean> {
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
      'x-dlt-reason': error instanceof InvalidEventError ? 'invalid-event' : 'handler-declared-invalid',
      'x-dlt-error': (error.message ?? String(error)).slice(0, 1000),
      'x-dlt-attempts': String(attempts),
      'x-dlt-source': `${context.topic}/${context.partition}/${context.offset}`,
      'x-dlt-consumer': this.options.name,
      'x-dlt-group': prefixed(this.settings, `${this.settings.serviceName}.${this.options.name}`),
      'x-dlt-at': new Date().toISOString(),
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
