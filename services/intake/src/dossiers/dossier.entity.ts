import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Channel, DossierStatus } from '@motcua/contracts';
import { Applicant } from './applicant.embedded';

export interface DossierComponentState {
  code: string;
  provided: boolean;
}

@Entity({ name: 'dossier' })
@Index('dossier_agency_received_idx', ['agencyCode', 'receivedAt'])
export class DossierEntity {
  /** `<agency>-<YYMMDD>-<NNNN>`: unique forever, never reused. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_pkey' })
  code: string;

  @Column({ type: 'text' })
  procedureCode: string;

  @Column({ type: 'text' })
  agencyCode: string;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'text' })
  status: DossierStatus;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column(() => Applicant, { prefix: 'applicant' })
  applicant: Applicant;

  // TypeORM compares defaults with casts stripped, so the entity states the bare literal.
  @Column({ type: 'jsonb', default: () => `'[]'` })
  components: DossierComponentState[];

  @Column({ type: 'text', default: 'PENDING' })
  applicantVerificationStatus: string;

  // TypeORM compares defaults with casts stripped, so the entity states the bare literal.
  @Column({ type: 'jsonb', default: () => `'[]'` })
  applicantVerificationMismatches: string[];

  /** The token subject that created the dossier (clerk or portal client). */
  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
