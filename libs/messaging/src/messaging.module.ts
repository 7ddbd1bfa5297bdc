import {
  DynamicModule,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
  Optional,
  Provider,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { deadLetterTopicOf, Topic } from '@motcua/contracts';
import { createKafka, ensureTopics, KafkaSettings, prefixed } from './kafka';
import { InboxConsumer, InboxConsumerOptions } from './inbox-consumer';
import { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { DeadLetterDepthGauge } from './dead-letter-depth';

export interface MessagingModuleOptions {
  kafka: KafkaSettings & { serviceName: string };
  logger: Logger;
  /** Create missing topics at start (local and test deployments; production declares them to the operator). */
  createTopics: boolean;
  /** Topics this service publishes to through its outbox; omit for a service that publishes nothing. */
  publishes?: Topic[];
  relay?: OutboxRelayOptions;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Consumers declared by feature modules, started together once the app is wired. */
@Injectable()
export class InboxConsumerRegistry {
  readonly consumers: InboxConsumer[] = [];

  /** Consumers not `up`, with their state (and why, when degraded); empty when all consume. */
  notConsuming(): Record<string, string> {
    return Object.fromEntries(
      this.consumers
        .filter((c) => c.state() !== 'up')
        .map((c) => [c.name, c.state() === 'degraded' ? `degraded: ${c.lastFailure()}` : c.state()]),
    );
  }
}

/**
 * Declares an inbox consumer in a feature module, built with that module's handler:
 * `providers: [inboxConsumerProvider('SLA_EVENTS', { inject: [SlaProjection], useFactory: (p) => ({ ... }) })]`.
 */
export function inboxConsumerProvider(
  token: string | symbol,
  build: { inject: Array<InjectionToken>; useFactory: (...deps: never[]) => InboxConsumerOptions },
): Provider {
  return {
    provide: token,
    inject: [DataSource, Kafka, MESSAGING_OPTIONS, InboxConsumerRegistry, ...build.inject],
    useFactory: (
      dataSource: DataSource,
      kafka: Kafka,
      options: MessagingModuleOptions,
      registry: InboxConsumerRegistry,
      ...deps: never[]
    ) => {
      const consumer = new InboxConsumer(
        dataSource,
        kafka,
        options.kafka,
        options.logger,
        build.useFactory(...deps),
      );
      registry.consumers.push(consumer);
      return consumer;
    },
  };
}

/** Starts the relay and the consumers once the app is wired, and stops them before the database closes. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly kafka: Kafka,
    private readonly registry: InboxConsumerRegistry,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  private depth: DeadLetterDepthGauge | undefined;

  async onApplicationBootstrap(): Promise<void> {
    const consumers = this.registry.consumers;
    if (this.options.createTopics) {
      const published = (this.options.publishes ?? []).flatMap((t) => [t, deadLetterTopicOf(t)]);
      await ensureTopics(this.kafka, [
        ...published.map((t) => prefixed(this.options.kafka, t)),
        ...consumers.flatMap((c) => c.brokerTopics()),
      ]);
    }
    await this.relay?.start();
    // Not awaited: after a crash the join waits for the dead member's session to expire, and HTTP must not.
    for (const consumer of consumers) consumer.startInBackground();
    const consumed = [...new Set(consumers.flatMap((c) => c.topics))];
    if (consumed.length) {
      this.depth = new DeadLetterDepthGauge(this.kafka, this.options.kafka, consumed, this.options.logger);
      this.depth.start();
    }
  }

  /** Before any module closes its connections, so no message is half-handled against a closing pool. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.depth?.stop();
    await Promise.allSettled(this.registry.consumers.map((c) => c.stop()));
    await this.relay?.stop();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const relayProviders = options.publishes?.length
      ? [
          {
            provide: OutboxRelay,
            inject: [DataSource, Kafka],
            useFactory: (dataSource: DataSource, kafka: Kafka) =>
              new OutboxRelay(dataSource, kafka, options.kafka, options.logger, options.relay),
          },
        ]
      : [];
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: Kafka, useFactory: () => createKafka(options.kafka, options.logger) },
        InboxConsumerRegistry,
        ...relayProviders,
        MessagingLifecycle,
      ],
      exports: [Kafka, MESSAGING_OPTIONS, InboxConsumerRegistry, ...relayProviders.map((p) => p.provide)],
    };
  }
}
