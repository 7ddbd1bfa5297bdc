import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@motcua/persistence';

export class RecordAccessLog1764892800000 implements MigrationInterface {
  name = 'RecordAccessLog1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE record_access_log (
        id bigserial CONSTRAINT record_access_log_pkey PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_roles text[] NOT NULL,
        actor_agency text NOT NULL,
        purpose text NOT NULL,
        dossier_agency text,
        id_number text NOT NULL,
        result_count integer NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX record_access_log_id_number_idx ON record_access_log (id_number, at)',
    );
    await queryRunner.query('CREATE INDEX record_access_log_purpose_idx ON record_access_log (purpose, at)');
    // The service's role may add access rows, never change or remove them.
    await makeAppendOnly(queryRunner, 'record_access_log');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE record_access_log');
  }
}
