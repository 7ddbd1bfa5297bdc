import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SignatureJobStatus = 'PENDING' | 'DONE';

/**
 * The automatic verification of (documentId, sha256), re-queued when a trust-store change may settle an
 * INDETERMINATE result; written in the inbox transaction of
 * document.digitized and worked off by SignatureJobWorker outside the Kafka handler.
 */
@Entity({ name: 'signature_job' })
@Index('signature_job_due_idx', ['status', 'nextAttemptAt'])
export class SignatureJobEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'signature_job_pkey' })
  documentId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'signature_job_pkey' })
  sha256: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: SignatureJobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'uuid', nullable: true })
  verificationId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Only a report of this trust-store generation or a later one completes the job (set when re-queued). */
  @Column({ type: 'bigint', default: 0 })
  minTrustGeneration: string;
}
