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

  @Column({ type: 'bigint' })
  size: string;

  @Column({ type: 'text', nullable: true })
  bucket: string | null;

  @Column({ type: 'text', nullable: true })
  objectKey: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  learnedAt: Date;
}
