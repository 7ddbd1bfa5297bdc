import { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerHead1764633600000 implements MigrationInterface {
  name = 'LedgerHead1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row: the chain's last entry. Appenders lock it (SELECT ... FOR UPDATE), which in READ COMMITTED also
    // returns the previous appender's committed head, so each append is one lock and no scan.
    await queryRunner.query(`
      CREATE TABLE ledger_head (
        id integer CONSTRAINT ledger_head_pkey PRIMARY KEY,
        seq bigint NOT NULL,
        hash text NOT NULL
      )`);
    await queryRunner.query(`
      INSERT INTO ledger_head (id, seq, hash)
      SELECT 1, coalesce(max(seq), 0),
             coalesce((SELECT hash FROM ledger_entry ORDER BY seq DESC LIMIT 1), repeat('0', 64))
        FROM ledger_entry`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ledger_head');
  }
}
