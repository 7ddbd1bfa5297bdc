import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed one-stop form (01-05) as issued for one line of the control sheet: the bytes are kept so the form
 * served later is exactly the one issued, whatever template version is in force by then. Append-only.
 */
@Entity({ name: 'issued_form' })
@Index('issued_form_dossier_form_seq_key', ['dossierCode', 'formCode', 'actionSeq'], { unique: true })
export class IssuedFormEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'issued_form_pkey' })
  id: string;

  @Column({ type: 'text' })
  dossierCode: string;

  @Column({ type: 'text' })
  formCode: string;

  @Column({ type: 'integer' })
  actionSeq: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  templateVersion: string;

  @Column({ type: 'text' })
  legalBasis: string;

  @Column({ type: 'text' })
  templateEffectiveFrom: string;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'bytea' })
  pdf: Buffer;

  /** The action's time (the signing time). */
  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** A dossier with a form that could not be signed yet (its agency has no credentials), retried with backoff. */
@Entity({ name: 'form_issuance_pending' })
export class FormIssuancePendingEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'form_issuance_pending_pkey' })
  dossierCode: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  since: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Index('form_issuance_pending_next_idx')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAt: Date;
}
