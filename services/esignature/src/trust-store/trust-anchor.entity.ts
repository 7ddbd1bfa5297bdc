import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TrustSource = 'DIRECTORY' | 'ADMIN';

/** A pinned trust anchor (never fetched at run time): from TRUST_DIR at start or POST /trust-anchors. */
@Entity({ name: 'trust_anchor' })
export class TrustAnchorEntity {
  /** SHA-256 of the DER certificate, lower-case hex. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'trust_anchor_pkey' })
  fingerprint: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'timestamptz' })
  notBefore: Date;

  @Column({ type: 'timestamptz' })
  notAfter: Date;

  @Column({ type: 'bytea' })
  der: Buffer;

  @Column({ type: 'text' })
  source: TrustSource;

  @Column({ type: 'text', nullable: true })
  addedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;

  /**
   * Set when a national administrator withdrew the anchor: it no longer verifies anything, and reloading TRUST_DIR
   * does not bring it back (only an explicit POST /trust-anchors does).
   */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawnBy: string | null;
}
