import { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxTraceparent, dropOutboxTraceparent } from '@motcua/messaging';

/** Traces continue through the outbox and through the verification queue (issue 19). */
export class OutboxTraceparent1765324800000 implements MigrationInterface {
  name = 'OutboxTraceparent1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxTraceparent(queryRunner);
    await queryRunner.query(`ALTER TABLE verification_request ADD COLUMN traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE verification_request DROP COLUMN traceparent`);
    await dropOutboxTraceparent(queryRunner);
  }
}
