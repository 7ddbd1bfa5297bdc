import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A document removed by the retention process: who, why and when; the document row itself stays. */
@Entity({ name: 'document_tombstone' })
export class DocumentTombstoneEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'document_tombstone_pkey' })
  documentId: string;

  @Column({ type: 'text' })
  deletedBy: string;

  @Column({ type: 'text' })
  reason: string;

  /** False when another live document (a reuse) still points at the object, which was therefore kept. */
  @Column({ type: 'boolean' })
  objectDeleted: boolean;

  @Column({ type: 'timestamptz' })
  deletedAt: Date;
}
