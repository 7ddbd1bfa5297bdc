import { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxTraceparent, dropOutboxTraceparent } from '@motcua/messaging';

/** The relay publishes each event under the trace it was written in (issue 19). */
export class OutboxTraceparent1765324800000 implements MigrationInterface {
  name = 'OutboxTraceparent1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxTraceparent(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTraceparent(queryRunner);
  }
}
