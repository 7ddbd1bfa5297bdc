import { QueryRunner } from 'typeorm';

/**
 * DDL of the outbox and inbox tables, for a service's first migration to call.
 * A later change to these tables is a new function here plus a new migration in each service.
 */
export async function createOutboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      seq bigserial CONSTRAINT outbox_pkey PRIMARY KEY,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      message_key text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await queryRunner.query(`CREATE UNIQUE INDEX outbox_event_id_key ON outbox (event_id)`);
  await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL`);
}

/** Issue 19: the trace an outbox row was written in, so the relay continues it. */
export async function addOutboxTraceparent(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE outbox ADD COLUMN traceparent text`);
}

export async function dropOutboxTraceparent(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
}

export async function createInboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE inbox (
      consumer text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      topic text NOT NULL,
      kafka_partition integer NOT NULL,
      kafka_offset bigint NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT inbox_pkey PRIMARY KEY (consumer, event_id)
    )`);
}
