import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrustGenerationsAndReuse1764720000000 implements MigrationInterface {
  name = 'TrustGenerationsAndReuse1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One counter bumped (row-locked) by every anchor or CRL change: a report is valid for the generation it was made under.
    await queryRunner.query(`
      CREATE TABLE trust_store_state (
        id smallint CONSTRAINT trust_store_state_pkey PRIMARY KEY,
        generation bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('INSERT INTO trust_store_state (id, generation) VALUES (1, 0)');
    // Existing reports were made under generation 0; a document is verified once per file and generation.
    await queryRunner.query('ALTER TABLE verification ADD COLUMN trust_generation bigint NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE verification ADD COLUMN reused_from uuid');
    await queryRunner.query('ALTER TABLE verification DROP CONSTRAINT verification_document_sha256_key');
    await queryRunner.query(
      `ALTER TABLE verification ADD CONSTRAINT verification_document_sha256_generation_key
         UNIQUE (document_id, sha256, trust_generation)`,
    );
    await queryRunner.query('CREATE INDEX verification_sha256_idx ON verification (sha256)');
    // A reused document may arrive without a size (document.reused does not carry one).
    await queryRunner.query('ALTER TABLE known_document ALTER COLUMN size DROP NOT NULL');
    await queryRunner.query('ALTER TABLE known_document ADD COLUMN source_document_id text');
    // A job re-queued after a trust change must not be closed by a report of an older generation.
    await queryRunner.query(
      'ALTER TABLE signature_job ADD COLUMN min_trust_generation bigint NOT NULL DEFAULT 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE signature_job DROP COLUMN min_trust_generation');
    await queryRunner.query('ALTER TABLE known_document DROP COLUMN source_document_id');
    await queryRunner.query('ALTER TABLE known_document ALTER COLUMN size SET NOT NULL');
    await queryRunner.query('DROP INDEX verification_sha256_idx');
    await queryRunner.query(
      'ALTER TABLE verification DROP CONSTRAINT verification_document_sha256_generation_key',
    );
    await queryRunner.query(
      'ALTER TABLE verification ADD CONSTRAINT verification_document_sha256_key UNIQUE (document_id, sha256)',
    );
    await queryRunner.query('ALTER TABLE verification DROP COLUMN reused_from');
    await queryRunner.query('ALTER TABLE verification DROP COLUMN trust_generation');
    await queryRunner.query('DROP TABLE trust_store_state');
  }
}
