import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A person a dossier's validated form data names (a declarant, a spouse), learned from document.digitized: a party of
 * the dossier besides its applicant. Kept apart from purpose_dossier because a document event may come first.
 */
@Entity({ name: 'purpose_party' })
export class PurposePartyEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'purpose_party_pkey' })
  dossierCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'purpose_party_pkey' })
  idNumber: string;
}
