import { MigrationInterface, QueryRunner } from 'typeorm';
import { createChangeLogTable, makeAppendOnly } from '@motcua/persistence';

/**
 * Official calendar notices as data (append-only: each notice is one calendar version, never edited), and the
 * change log that records who added each one.
 */
export class CalendarNotices1765584000000 implements MigrationInterface {
  name = 'CalendarNotices1765584000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_notice (
        version serial CONSTRAINT calendar_notice_pkey PRIMARY KEY,
        number text NOT NULL,
        issued_on date NOT NULL,
        issuer text NOT NULL,
        title text,
        year integer NOT NULL,
        effective_from date NOT NULL,
        days jsonb NOT NULL,
        content_hash text NOT NULL,
        recomputed_dossiers integer NOT NULL DEFAULT 0,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT calendar_notice_number_key UNIQUE (number)
      )`);
    await makeAppendOnly(queryRunner, 'calendar_notice');
    await createChangeLogTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE change_log');
    await queryRunner.query('DROP TABLE calendar_notice');
  }
}
