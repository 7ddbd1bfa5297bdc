import { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTable, createOutboxTable } from '@motcua/messaging';

export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner);
    await createInboxTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE dossier_fact (
        code text CONSTRAINT dossier_fact_pkey PRIMARY KEY,
        agency_code text NOT NULL,
        procedure_code text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        received_at timestamptz NOT NULL,
        due_at timestamptz,
        finished_at timestamptz,
        finished_as text,
        late_by_rule boolean NOT NULL DEFAULT false,
        supplement_requests integer NOT NULL DEFAULT 0,
        elapsed_working_minutes numeric NOT NULL DEFAULT 0,
        last_event_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX dossier_fact_agency_received_idx ON dossier_fact (agency_code, received_at)',
    );
    await queryRunner.query('CREATE INDEX dossier_fact_finished_idx ON dossier_fact (finished_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dossier_fact');
    await queryRunner.query('DROP TABLE inbox');
    await queryRunner.query('DROP TABLE outbox');
  }
}
