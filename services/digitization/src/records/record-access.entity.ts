import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The personal-data processing record of the e-record store: every lookup of a person's records, by whom, in which
 * role and agency, for which dossier, and how many records came back. Append-only: the service's role cannot
 * UPDATE, DELETE or TRUNCATE it. The ID number is kept here (an audit must find every access to a person) and is
 * never written to a log line.
 */
@Entity({ name: 'record_access_log' })
@Index('record_access_log_id_number_idx', ['idNumber', 'at'])
@Index('record_access_log_purpose_idx', ['purpose', 'at'])
export class RecordAccessEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'record_access_log_pkey' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The token's subject. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', array: true })
  actorRoles: string[];

  /** The token's agency scope (`*` for national callers). */
  @Column({ type: 'text' })
  actorAgency: string;

  /** The dossier code the lookup was made for. */
  @Column({ type: 'text' })
  purpose: string;

  /** That dossier's agency when digitization knows it, so the dossier's own auditors see the access. */
  @Column({ type: 'text', nullable: true })
  dossierAgency: string | null;

  @Column({ type: 'text' })
  idNumber: string;

  @Column({ type: 'integer' })
  resultCount: number;

  /** GRANTED, or REFUSED when the purpose did not bind the person (nothing was returned). */
  @Column({ type: 'text', default: 'GRANTED' })
  outcome: string;
}
