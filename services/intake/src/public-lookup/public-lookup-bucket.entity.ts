import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One token bucket per client of the public lookup, shared by every intake replica (SharedRateLimiter). */
@Entity({ name: 'public_lookup_bucket' })
export class PublicLookupBucketEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'public_lookup_bucket_pkey' })
  clientKey: string;

  @Column({ type: 'double precision' })
  tokens: number;

  /** Whether the last request taken was allowed. */
  @Column({ type: 'boolean' })
  allowed: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
