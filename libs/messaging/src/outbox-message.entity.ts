import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be (or already) published; written in the same transaction as the state change. */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished_idx', ['seq'], { where: 'published_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'outbox_pkey' })
  seq: string;

  @Index('outbox_event_id_key', { unique: true })
  @Column({ type: 'uuid' })
  eventId: string;

  /** Topic without the deployment's prefix. */
  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  messageKey: string;

  /** The whole CloudEvent, as published. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** W3C traceparent of the span that wrote the row: the relay publishes under it (the outbox is asynchronous). */
  @Column({ type: 'text', nullable: true })
  traceparent: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
