import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@motcua/persistence';

export class VerificationAndAccessLog1764460800000 implements MigrationInterface {
  name = 'VerificationAndAccessLog1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE verification_request (
        dossier_code text CONSTRAINT verification_request_pkey PRIMARY KEY,
        agency_code text NOT NULL,
        id_number text NOT NULL,
        full_name text NOT NULL,
        date_of_birth date NOT NULL,
        sex text,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        calls integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        match boolean,
        mismatches text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await queryRunner.query(
      'CREATE INDEX verification_request_due_idx ON verification_request (status, next_attempt_at)',
    );
    await queryRunner.query(`
      CREATE TABLE verification_cache (
        id_number text NOT NULL,
        name_key text NOT NULL,
        date_of_birth date NOT NULL,
        match boolean NOT NULL,
        mismatches text[] NOT NULL,
        verified_at timestamptz NOT NULL,
        CONSTRAINT verification_cache_pkey PRIMARY KEY (id_number, name_key, date_of_birth)
      )`);
    await queryRunner.query(`
      CREATE TABLE registry_access (
        id bigserial CONSTRAINT registry_access_pkey PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_agency text,
        purpose text NOT NULL,
        id_number text NOT NULL,
        fields_returned text[] NOT NULL DEFAULT '{}'::text[],
        source text NOT NULL,
        outcome text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX registry_access_id_number_idx ON registry_access (id_number, at)');
    await queryRunner.query('CREATE INDEX registry_access_purpose_idx ON registry_access (purpose, at)');
    // The access log is append-only for everyone but its owner: the service's role may add rows, never change them.
    await makeAppendOnly(queryRunner, 'registry_access');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE registry_access');
    await queryRunner.query('DROP TABLE verification_cache');
    await queryRunner.query('DROP TABLE verification_request');
  }
}
