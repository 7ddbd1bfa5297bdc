import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AccessSource = 'REGISTRY' | 'CACHE';

/**
 * The personal-data processing record: every read of registry data, by whom, for which dossier, what came back.
 * Append-only: the service's database role cannot UPDATE, DELETE or TRUNCATE it. The ID number is stored
 * here (that is the point of the record) and never written to a log line.
 */
@Entity({ name: 'registry_access' })
@Index('registry_access_id_number_idx', ['idNumber', 'at'])
@Index('registry_access_purpose_idx', ['purpose', 'at'])
export class RegistryAccessEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'registry_access_pkey' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Token subject, or `system:verification` for the automatic applicant check. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  actorAgency: string | null;

  /** The dossier code the access was for. */
  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  idNumber: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  fieldsReturned: string[];

  @Column({ type: 'text' })
  source: AccessSource;

  /** MATCH, MISMATCH, FOUND, NOT_FOUND, or REFUSED (the purpose did not bind the person; nothing was read). */
  @Column({ type: 'text' })
  outcome: string;
}
