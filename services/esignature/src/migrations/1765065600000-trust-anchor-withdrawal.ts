import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrustAnchorWithdrawal1765065600000 implements MigrationInterface {
  name = 'TrustAnchorWithdrawal1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE trust_anchor ADD COLUMN withdrawn_at timestamptz, ADD COLUMN withdrawn_by text',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE trust_anchor DROP COLUMN withdrawn_at, DROP COLUMN withdrawn_by');
  }
}
