import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A client's Idempotency-Key and what it produced: the same key returns the same dossier. */
@Entity({ name: 'idempotency_key' })
@Index('idempotency_key_created_idx', ['createdAt'])
export class IdempotencyKeyEntity {
  /** Token subject: keys are per client, so two portals cannot collide. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_key_pkey' })
  clientId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_key_pkey' })
  key: string;

  /** SHA-256 of the canonical request body. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  dossierCode: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
