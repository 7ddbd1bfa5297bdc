import { EntityManager } from 'typeorm';
import { CloudEvent, topicOf } from '@motcua/contracts';
import { OutboxMessageEntity } from './outbox-message.entity';

/**
 * Queues events inside the caller's transaction: they are published if and only if the state change commits.
 * The message key is the event's subject (the dossier code), so one dossier's events stay in order.
 */
export async function appendToOutbox(manager: EntityManager, events: CloudEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager.insert(
    OutboxMessageEntity,
    events.map((event) => ({
      eventId: event.id,
      topic: topicOf(event.type),
      messageKey: event.subject,
      traceparent: event.traceparent ?? null,
      // TypeORM's deep-partial type cannot express an open JSON object.
      payload: event as never,
    })),
  );
}
