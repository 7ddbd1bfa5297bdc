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

  @Column({ type: 'timestamptz', default: () => 'now()' })
  learnedAt: Date;
}
