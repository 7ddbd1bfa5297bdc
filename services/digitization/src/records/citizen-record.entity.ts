import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DigitizationLevel, DocumentKind } from '../documents/document.entity';

/**
 * An entry of the citizen's e-record store (Decree 45/2020): a result or a structured document, indexed by the
 * holder's ID number, that later dossiers reuse instead of asking for it again.
 */
@Entity({ name: 'citizen_record' })
@Index('citizen_record_holder_idx', ['holderIdNumber', 'issuedAt'])
@Index('citizen_record_document_key', ['documentId'], { unique: true })
export class CitizenRecordEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'citizen_record_pkey' })
  id: string;

  @Column({ type: 'text' })
  holderIdNumber: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'text' })
  kind: DocumentKind;

  @Column({ type: 'text' })
  procedureCode: string;

  @Column({ type: 'text' })
  componentCode: string;

  @Column({ type: 'text' })
  digitizationLevel: DigitizationLevel;

  @Column({ type: 'text' })
  issuingAgency: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;
}
