import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A document learned from document.digitized: where its bytes are, for POST /verifications { documentId }. */
@Entity({ name: 'known_document' })
export class KnownDocumentEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'known_document_pkey' })
  documentId: string;

  @Column({ type: 'text' })
  dossierCode: string;

  @Column({ type: 'text' })
  componentCode: string;

  @Column({ type: 'text' })
  mimeType: string;

  @Column({ type: 'text' })
  sha256: string;

  /** Unknown (null) for a reuse whose source was never seen here. */
  @Column({ type: 'bigint', nullable: true })
  size: string | null;

  @Column({ type: 'text', nullable: true })
  bucket: string | null;

  @Column({ type: 'text', nullable: true })
  objectKey: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  learnedAt: Date;

  /** For a document filled by reuse (document.reused): the stored document whose bytes it reuses. */
  @Column({ type: 'text', nullable: true })
  sourceDocumentId: string | null;
}
