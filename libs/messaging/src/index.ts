export { OutboxMessageEntity } from './outbox-message.entity';
export { InboxMessageEntity } from './inbox-message.entity';
export {
  addOutboxTraceparent,
  createInboxTable,
  createOutboxTable,
  dropOutboxTraceparent,
} from './messaging-tables.migration';
export { appendToOutbox } from './outbox-writer';
export { createKafka, ensureTopics, prefixed, type KafkaSettings } from './kafka';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export {
  InboxConsumer,
  handleByType,
  CONSUMER_SESSION_TIMEOUT_MS,
  CONSUMER_HEARTBEAT_INTERVAL_MS,
  type ConsumerState,
  type InboxConsumerOptions,
  type EventHandler,
  type EventHandlers,
  type MessageContext,
} from './inbox-consumer';
export {
  MessagingModule,
  MessagingLifecycle,
  InboxConsumerRegistry,
  inboxConsumerProvider,
  MESSAGING_OPTIONS,
  type MessagingModuleOptions,
} from './messaging.module';
export { PermanentEventError, InvalidEventError, isPermanentEventError } from './event-errors';
export { DeadLetters, replayLogTopicOf, type DeadLetter, type ReplayRecord } from './dead-letters';
export { DeadLetterDepthGauge } from './dead-letter-depth';
