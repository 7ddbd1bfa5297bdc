import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last registry answer for one (idNumber, name, dateOfBirth), reused within VERIFICATION_CACHE_TTL_SECONDS. */
@Entity({ name: 'verification_cache' })
export class VerificationCacheEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'verification_cache_pkey' })
  idNumber: string;

  /** `nameKey(fullName)`: NFC, trimmed, whitespace collapsed, lower-cased. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'verification_cache_pkey' })
  nameKey: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'verification_cache_pkey' })
  dateOfBirth: string;

  @Column({ type: 'boolean' })
  match: boolean;

  @Column({ type: 'text', array: true })
  mismatches: string[];

  @Column({ type: 'timestamptz' })
  verifiedAt: Date;
}
