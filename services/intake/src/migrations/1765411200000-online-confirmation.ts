import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 8-working-hour confirmation judged on every path: when a round was answered and whether any round was late.
 * Existing dossiers are backfilled from what the old flag knew (acceptance only).
 */
export class OnlineConfirmation1765411200000 implements MigrationInterface {
  name = 'OnlineConfirmation1765411200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE dossier ADD COLUMN confirmed_at timestamptz, ADD COLUMN confirmation_late boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`
      UPDATE dossier SET confirmed_at = accepted_at,
                         confirmation_late = accepted_at > confirmation_due_at
       WHERE confirmation_due_at IS NOT NULL AND accepted_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier DROP COLUMN confirmation_late, DROP COLUMN confirmed_at`);
  }
}
