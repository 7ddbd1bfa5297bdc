import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 8-working-hour confirmation of online dossiers (Decree 45/2020) as intake reports it on each status change:
 * kept per change in the status log (a closed period is judged as it stood at its end) and, the latest, on the fact.
 */
export class OnlineConfirmation1765411200000 implements MigrationInterface {
  name = 'OnlineConfirmation1765411200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE dossier_status_log ADD COLUMN confirmation_outcome text,
                                      ADD COLUMN confirmation_due_at timestamptz,
                                      ADD COLUMN confirmed_at timestamptz`,
    );
    await queryRunner.query(
      `ALTER TABLE dossier_fact ADD COLUMN online_confirmation_outcome text,
                                ADD COLUMN online_confirmation_due_at timestamptz,
                                ADD COLUMN online_confirmed_at timestamptz,
                                ADD COLUMN online_confirmation_at timestamptz`,
    );
    // The report reads the online dossiers of an agency received in a period, from the index alone.
    await queryRunner.query(
      `CREATE INDEX dossier_fact_online_confirmation_idx ON dossier_fact (agency_path text_pattern_ops, received_at)
         INCLUDE (agency_code, procedure_code, code, online_confirmation_outcome, online_confirmation_due_at,
                  online_confirmation_at)
         WHERE channel = 'ONLINE'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossier_fact_online_confirmation_idx');
    await queryRunner.query(
      `ALTER TABLE dossier_fact DROP COLUMN online_confirmation_outcome, DROP COLUMN online_confirmation_due_at,
                                DROP COLUMN online_confirmed_at, DROP COLUMN online_confirmation_at`,
    );
    await queryRunner.query(
      `ALTER TABLE dossier_status_log DROP COLUMN confirmation_outcome, DROP COLUMN confirmation_due_at,
                                      DROP COLUMN confirmed_at`,
    );
  }
}
