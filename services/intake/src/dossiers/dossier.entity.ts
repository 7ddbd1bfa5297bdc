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

export const PAYMENT_STATUSES = ['UNPAID', 'NOT_REQUIRED', 'PAID_ONLINE', 'PAID_AT_DESK', 'EXEMPT'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** How intake shows a document's signatures: an unsigned file is UNSIGNED, never INDETERMINATE. */
export interface SignatureState {
  status: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE' | 'UNSIGNED';
  /** The ETSI indication, only for a file that carries signatures. */
  indication?: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
  subIndication?: string;
  verificationId: string;
  verifiedAt: string;
  signatureCount?: number;
}

/** The current document of a component or result, from digitization and e-signature events. */
export interface DocumentState {
  documentId?: string;
  kind?: 'APPLICATION' | 'SUPPORTING' | 'RESULT';
  digitizationLevel?: 'SCAN_ONLY' | 'STRUCTURED';
  /** 1 for a first upload, higher after corrections (when digitization says). */
  version?: number;
  reused?: boolean;
  recordId?: string;
  signature?: SignatureState;
}

export interface DossierComponentState extends DocumentState {
  code: string;
  name?: string;
  required?: boolean;
  signatureRequired?: boolean;
  provided: boolean;
  /** false for a document of a code the procedure's catalogue does not list (shown, never dropped). */
  inCatalogue?: boolean;
}

/** A result (kind RESULT) issued on the dossier: shown apart from the application's components. */
export interface DossierResultState extends DocumentState {
  code: string;
  documentId: string;
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

  // TypeORM compares defaults with casts stripped, so the entity states the bare literal.
  @Column({ type: 'jsonb', default: () => `'[]'` })
  results: DossierResultState[];

  @Column({ type: 'text', default: 'PENDING' })
  applicantVerificationStatus: string;

  // TypeORM compares defaults with casts stripped, so the entity states the bare literal.
  @Column({ type: 'jsonb', default: () => `'[]'` })
  applicantVerificationMismatches: string[];

  @Column({ type: 'text', default: '' })
  procedureName: string;

  /** Which version of the procedure's rules judged this dossier (the one in force when it was received). */
  @Column({ type: 'date', nullable: true })
  rulesEffectiveFrom: string | null;

  @Column({ type: 'numeric', default: 0 })
  processingLimit: string;

  @Column({ type: 'text', default: 'WORKING_DAYS' })
  limitUnit: 'WORKING_DAYS' | 'WORKING_HOURS';

  @Column({ type: 'text', nullable: true })
  resumeStatus: DossierStatus | null;

  @Column({ type: 'integer', default: 0 })
  supplementRequests: number;

  @Column({ type: 'boolean', default: false })
  apologized: boolean;

  @Column({ type: 'boolean', default: false })
  lateByRule: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Online dossiers: by when a clerk must accept them or ask for a supplement (8 working hours). */
  @Column({ type: 'timestamptz', nullable: true })
  confirmationDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  /** When the current confirmation round was answered (accepted, refused or asked for a supplement). */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** Sticky: one confirmation round of this online dossier was answered after its 8 working hours. */
  @Column({ type: 'boolean', default: false })
  confirmationLate: boolean;

  @Column({ type: 'integer', default: 0 })
  feeVnd: number;

  @Column({ type: 'text', default: 'UNPAID' })
  paymentStatus: PaymentStatus;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'text', nullable: true })
  satisfaction: 'SATISFIED' | 'UNSATISFIED' | null;

  @Column({ type: 'boolean', default: false })
  complaint: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  feedbackAt: Date | null;

  @Column({ type: 'boolean', default: false })
  imported: boolean;

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
