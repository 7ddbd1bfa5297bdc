import { MigrationInterface, QueryRunner } from 'typeorm';

/** Refused e-record lookups (purpose not binding the person) are logged too, with their outcome. */
export class RecordAccessOutcome1765065600000 implements MigrationInterface {
  name = 'RecordAccessOutcome1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE record_access_log ADD COLUMN outcome text NOT NULL DEFAULT 'GRANTED'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE record_access_log DROP COLUMN outcome');
  }
}
