import { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTable, createOutboxTable } from '@motcua/messaging';

export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner);
    await createInboxTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE dossier (
        code text CONSTRAINT dossier_pkey PRIMARY KEY,
        procedure_code text NOT NULL,
        agency_code text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        received_at timestamptz NOT NULL,
        due_at timestamptz,
        applicant_id_number text NOT NULL,
        applicant_full_name text NOT NULL,
        applicant_date_of_birth date NOT NULL,
        applicant_sex text,
        applicant_phone text,
        applicant_email text,
        applicant_address text,
        components jsonb NOT NULL DEFAULT '[]'::jsonb,
        applicant_verification_status text NOT NULL DEFAULT 'PENDING',
        applicant_verification_mismatches jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dossier_agency_received_idx ON dossier (agency_code, received_at)`);
    await queryRunner.query(`
      CREATE TABLE idempotency_key (
        client_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        dossier_code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_key_pkey PRIMARY KEY (client_id, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`);
    await queryRunner.query(`
      CREATE TABLE dossier_code_sequence (
        agency_code text NOT NULL,
        day date NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT dossier_code_sequence_pkey PRIMARY KEY (agency_code, day)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dossier_code_sequence');
    await queryRunner.query('DROP TABLE idempotency_key');
    await queryRunner.query('DROP TABLE dossier');
    await queryRunner.query('DROP TABLE inbox');
    await queryRunner.query('DROP TABLE outbox');
  }
}
