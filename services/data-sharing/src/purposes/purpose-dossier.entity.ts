import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A dossier as data-sharing learned it from intake's dossier events: what a registry lookup's purpose is checked
 * against (the dossier lies in the caller's agency subtree and the person looked up is one of its parties).
 */
@Entity({ name: 'purpose_dossier' })
export class PurposeDossierEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'purpose_dossier_pkey' })
  code: string;

  @Column({ type: 'text' })
  agencyCode: string;

  /** The ID numbers of the dossier's parties from its dossier events: its applicant (see also purpose_party). */
  @Column({ type: 'text', array: true })
  partyIdNumbers: string[];
}
