import {
  Column,
  DataSource,
  Entity,
  EntityManager,
  Index,
  PrimaryGeneratedColumn,
  QueryRunner,
} from 'typeorm';
import { makeAppendOnly } from './append-only';
import { Page, pageNewestFirst } from './page';

/**
 * The change log of a service's national resources (trust anchors, CRLs, component schemas, the agency tree): who
 * changed what, when, and the resource before and after. Append-only like the other audit trails; written in the
 * transaction of the change it records.
 */
@Entity({ name: 'change_log' })
@Index('change_log_resource_idx', ['resource', 'resourceId', 'at'])
export class ChangeLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'change_log_pkey' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The token's subject, or `system:<what>` for changes made at start (e.g. the trust directory). */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  actorAgency: string | null;

  /** The kind of resource: `trust-anchor`, `crl`, `component-schema`, `agency`. */
  @Column({ type: 'text' })
  resource: string;

  @Column({ type: 'text' })
  resourceId: string;

  /** CREATE, UPDATE or WITHDRAW. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}

export interface ChangeEntry {
  actor: string;
  actorAgency: string | null;
  resource: string;
  resourceId: string;
  action: 'CREATE' | 'UPDATE' | 'WITHDRAW';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ChangeView extends ChangeEntry {
  id: string;
  at: string;
}

/** Appends one change in the caller's transaction (so no change commits without its row). */
export async function appendChange(manager: EntityManager, entry: ChangeEntry): Promise<void> {
  await manager.query(
    `INSERT INTO change_log (actor, actor_agency, resource, resource_id, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.actor,
      entry.actorAgency,
      entry.resource,
      entry.resourceId,
      entry.action,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
    ],
  );
}

/** Newest first, optionally one resource kind or one resource. */
export function listChanges(
  dataSource: DataSource,
  query: { resource?: string; resourceId?: string; page: number; pageSize: number },
): Promise<Page<ChangeView>> {
  const builder = dataSource.getRepository(ChangeLogEntity).createQueryBuilder('c');
  if (query.resource) builder.andWhere('c.resource = :resource', { resource: query.resource });
  if (query.resourceId) builder.andWhere('c.resourceId = :resourceId', { resourceId: query.resourceId });
  return pageNewestFirst(builder, query.page, query.pageSize, (row): ChangeView => ({
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    actorAgency: row.actorAgency,
    resource: row.resource,
    resourceId: row.resourceId,
    action: row.action as ChangeEntry['action'],
    before: row.before,
    after: row.after,
  }));
}

/** The migration step that creates the change log (each service's own migration calls it). */
export async function createChangeLogTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE change_log (
      id bigserial CONSTRAINT change_log_pkey PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      actor_agency text,
      resource text NOT NULL,
      resource_id text NOT NULL,
      action text NOT NULL,
      before jsonb,
      after jsonb
    )`);
  await queryRunner.query('CREATE INDEX change_log_resource_idx ON change_log (resource, resource_id, at)');
  await makeAppendOnly(queryRunner, 'change_log');
}

/** The migration that creates the change log; a service with national resources lists it among its migrations. */
export class NationalChangeLog1764979200000 {
  name = 'NationalChangeLog1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeLogTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE change_log');
  }
}
