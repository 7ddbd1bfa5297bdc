import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@motcua/persistence';

export class TrustStoreAndVerifications1764547200000 implements MigrationInterface {
  name = 'TrustStoreAndVerifications1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trust_anchor (
        fingerprint text CONSTRAINT trust_anchor_pkey PRIMARY KEY,
        subject text NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        der bytea NOT NULL,
        source text NOT NULL,
        added_by text,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE revocation_list (
        sha256 text CONSTRAINT revocation_list_pkey PRIMARY KEY,
        issuer text NOT NULL,
        this_update timestamptz NOT NULL,
        next_update timestamptz,
        der bytea NOT NULL,
        source text NOT NULL,
        added_by text,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE verification (
        id uuid CONSTRAINT verification_pkey PRIMARY KEY,
        document_id text,
        sha256 text NOT NULL,
        kind text NOT NULL,
        indication text NOT NULL,
        sub_indication text,
        report jsonb NOT NULL,
        requested_by text NOT NULL,
        verified_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT verification_document_sha256_key UNIQUE (document_id, sha256)
      )`);
    // Reports are evidence: stored once, never changed.
    await makeAppendOnly(queryRunner, 'verification');
    await queryRunner.query(`
      CREATE TABLE known_document (
        document_id text CONSTRAINT known_document_pkey PRIMARY KEY,
        dossier_code text NOT NULL,
        component_code text NOT NULL,
        mime_type text NOT NULL,
        sha256 text NOT NULL,
        size bigint NOT NULL,
        bucket text,
        object_key text,
        learned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE signature_job (
        document_id text NOT NULL,
        sha256 text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        verification_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT signature_job_pkey PRIMARY KEY (document_id, sha256)
      )`);
    await queryRunner.query('CREATE INDEX signature_job_due_idx ON signature_job (status, next_attempt_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE signature_job');
    await queryRunner.query('DROP TABLE known_document');
    await queryRunner.query('DROP TABLE verification');
    await queryRunner.query('DROP TABLE revocation_list');
    await queryRunner.query('DROP TABLE trust_anchor');
  }
}
