import { MigrationInterface, QueryRunner } from 'typeorm';

/** The public lookup's per-client token buckets, shared by every intake replica. */
export class PublicLookupBuckets1765238400000 implements MigrationInterface {
  name = 'PublicLookupBuckets1765238400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public_lookup_bucket (
        client_key text NOT NULL,
        tokens double precision NOT NULL,
        allowed boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT public_lookup_bucket_pkey PRIMARY KEY (client_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE public_lookup_bucket`);
  }
}
