import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per event a consumer has applied; its primary key is what makes redelivery harmless. */
@Entity({ name: 'inbox' })
export class InboxMessageEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'inbox_pkey' })
  consumer: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'inbox_pkey' })
  eventId: string;

  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'integer' })
  kafkaPartition: number;

  @Column({ type: 'bigint' })
  kafkaOffset: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}
