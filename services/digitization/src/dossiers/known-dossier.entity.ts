import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A dossier as digitization learned it from intake's dossier events (no call to intake on the upload path):
 * its agency scopes access, its procedure picks the component field schemas, and the applicant's ID number
 * indexes the records stored for them in the e-record store (nothing else about the applicant is kept).
 */
@Entity({ name: 'known_dossier' })
export class KnownDossierEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'known_dossier_pkey' })
  code: string;

  @Column({ type: 'text' })
  agencyCode: string;

  @Column({ type: 'text' })
  procedureCode: string;

  @Column({ type: 'text', nullable: true })
  applicantIdNumber: string | null;

  /**
   * The dossier's status as of its latest status event (`statusAt`); NULL when not yet learned. Kept as text, not
   * an enum: a status value this service does not know yet is stored, not refused.
   */
  @Column({ type: 'text', nullable: true })
  status: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  learnedAt: Date;
}
