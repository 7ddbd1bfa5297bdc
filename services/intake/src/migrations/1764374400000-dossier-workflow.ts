import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@motcua/persistence';

/** Workflow state on the dossier, the SLA clock as segments, and the append-only control sheet. */
export class DossierWorkflow1764374400000 implements MigrationInterface {
  name = 'DossierWorkflow1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dossier
        ADD COLUMN procedure_name text NOT NULL DEFAULT '',
        ADD COLUMN rules_effective_from date,
        ADD COLUMN processing_limit numeric NOT NULL DEFAULT 0,
        ADD COLUMN limit_unit text NOT NULL DEFAULT 'WORKING_DAYS',
        ADD COLUMN resume_status text,
        ADD COLUMN supplement_requests integer NOT NULL DEFAULT 0,
        ADD COLUMN apologized boolean NOT NULL DEFAULT false,
        ADD COLUMN late_by_rule boolean NOT NULL DEFAULT false,
        ADD COLUMN finished_at timestamptz,
        ADD COLUMN confirmation_due_at timestamptz,
        ADD COLUMN accepted_at timestamptz,
        ADD COLUMN fee_vnd integer NOT NULL DEFAULT 0,
        ADD COLUMN payment_status text NOT NULL DEFAULT 'UNPAID',
        ADD COLUMN paid_at timestamptz,
        ADD COLUMN satisfaction text,
        ADD COLUMN complaint boolean NOT NULL DEFAULT false,
        ADD COLUMN feedback_at timestamptz,
        ADD COLUMN imported boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE dossier_clock_segment (
        dossier_code text NOT NULL,
        seq integer NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT dossier_clock_segment_pkey PRIMARY KEY (dossier_code, seq)
      )`);
    await queryRunner.query(`
      CREATE TABLE dossier_action (
        id bigserial CONSTRAINT dossier_action_pkey PRIMARY KEY,
        dossier_code text NOT NULL,
        seq integer NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        actor_agency text NOT NULL,
        at timestamptz NOT NULL,
        reason text,
        due_at timestamptz,
        on_time_state text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX dossier_action_dossier_seq_key ON dossier_action (dossier_code, seq)',
    );
    // The control sheet is append-only for everyone but its owner: the service's role may add rows, never change them.
    await makeAppendOnly(queryRunner, 'dossier_action');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dossier_action');
    await queryRunner.query('DROP TABLE dossier_clock_segment');
    await queryRunner.query(`
      ALTER TABLE dossier
        DROP COLUMN procedure_name, DROP COLUMN rules_effective_from, DROP COLUMN processing_limit, DROP COLUMN limit_unit,
        DROP COLUMN resume_status, DROP COLUMN supplement_requests, DROP COLUMN apologized, DROP COLUMN late_by_rule,
        DROP COLUMN finished_at, DROP COLUMN confirmation_due_at, DROP COLUMN accepted_at, DROP COLUMN fee_vnd,
        DROP COLUMN payment_status, DROP COLUMN paid_at, DROP COLUMN satisfaction, DROP COLUMN complaint,
        DROP COLUMN feedback_at, DROP COLUMN imported`);
  }
}
