import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type IntegrityOutcome = 'INTACT' | 'ALTERED' | 'MISSING';

/** One re-read of a document's object from S3, compared with the SHA-256 taken when it was stored. */
@Entity({ name: 'integrity_check' })
@Index('integrity_check_document_idx', ['documentId', 'checkedAt'])
export class IntegrityCheckEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'integrity_check_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'text' })
  checkedBy: string;

  @Column({ type: 'text' })
  expectedSha256: string;

  @Column({ type: 'text', nullable: true })
  actualSha256: string | null;

  @Column({ type: 'text' })
  outcome: IntegrityOutcome;

  @Column({ type: 'timestamptz' })
  checkedAt: Date;
}
