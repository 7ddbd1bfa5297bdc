import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SignatureJobStatus = 'PENDING' | 'DONE';

/**
 * One automatic verification per (documentId, sha256), written in the inbox transaction of
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
}
