import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TrustSource } from './trust-anchor.entity';

/** A configured CRL; its signature is checked against the issuing CA each time it is used. */
@Entity({ name: 'revocation_list' })
export class RevocationListEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'revocation_list_pkey' })
  sha256: string;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'timestamptz' })
  thisUpdate: Date;

  @Column({ type: 'timestamptz', nullable: true })
  nextUpdate: Date | null;

  @Column({ type: 'bytea' })
  der: Buffer;

  @Column({ type: 'text' })
  source: TrustSource;

  @Column({ type: 'text', nullable: true })
  addedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
