import { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerHeadPreviousHash1764720000000 implements MigrationInterface {
  name = 'LedgerHeadPreviousHash1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The head also keeps the hash it links to, so one UPDATE ... RETURNING both advances the head and hands the
    // new entry its previous hash: an append is then a single statement, holding the head's lock for no round trip.
    await queryRunner.query('ALTER TABLE ledger_head ADD COLUMN previous_hash text');
    await queryRunner.query(`
      UPDATE ledger_head
         SET previous_hash = coalesce((SELECT previous_hash FROM ledger_entry ORDER BY seq DESC LIMIT 1), repeat('0', 64))`);
    await queryRunner.query('ALTER TABLE ledger_head ALTER COLUMN previous_hash SET NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ledger_head DROP COLUMN previous_hash');
  }
}
