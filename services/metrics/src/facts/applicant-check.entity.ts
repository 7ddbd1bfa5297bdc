import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest registry check of a dossier's applicant; kept apart because it may arrive before the dossier. */
@Entity({ name: 'applicant_check' })
export class ApplicantCheckEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'applicant_check_pkey' })
  dossierCode: string;

  /** MATCH, MISMATCH or FAILED. */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'timestamptz' })
  checkedAt: Date;
}
