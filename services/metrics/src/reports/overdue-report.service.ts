import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@motcua/auth';
import { WorkingCalendar } from '@motcua/calendar';
import { OverdueReportQueryDto } from './dto/report-query.dto';
import {
  reportHeading,
  ReportScope,
  resolveScope,
  round,
  scopeConditions,
  WORKING_MINUTES_PER_DAY,
} from './report-scope';
import { inReportTransaction } from './report-query';
import { LONGEST_OPEN_SQL, openAtSql, stateAtSql } from './state-at.sql';

export type OverdueReason = 'PAST_DUE' | 'APOLOGIZED' | 'REPEATED_SUPPLEMENT';

export interface OverdueRow {
  code: string;
  agencyCode: string;
  procedureCode: string;
  channel: string;
  /** The status at the instant the report is judged at. */
  status: string;
  receivedAt: string;
  dueAt: string | null;
  /** Working days past the deadline (office hours, two decimals); 0 for a dossier late by rule only. */
  overdueWorkingDays: number;
  reasons: OverdueReason[];
}

export interface OverdueReport {
  asOf: string;
  from: string;
  to: string;
  agencyCode: string;
  procedureCode: string | null;
  channel: string | null;
  page: number;
  pageSize: number;
  total: number;
  rows: OverdueRow[];
}

interface SqlRow {
  code: string;
  agency_code: string;
  procedure_code: string;
  channel: string;
  state_status: string;
  received_at: Date;
  state_due: Date | null;
  state_apologized: boolean;
  state_supplements: number;
  total: number;
}

/** Rows a file export holds at most. */
export const OVERDUE_EXPORT_LIMIT = 100_000;

/**
 * The dossiers overdue at min(period end, now), most overdue first (earliest deadline, then code). Overdue means
 * still open and past the deadline while the clock runs, or late by rule (apologised, supplement asked twice).
 */
@Injectable()
export class OverdueReportService {
  private readonly calendar = new WorkingCalendar();

  constructor(private readonly dataSource: DataSource) {}

  async report(
    query: OverdueReportQueryDto,
    principal: Principal,
    options: { all?: boolean } = {},
    now = new Date(),
  ): Promise<OverdueReport> {
    const scope = resolveScope(query, principal, now);
    const page = options.all ? 1 : (query.page ?? 1);
    const pageSize = options.all ? OVERDUE_EXPORT_LIMIT : (query.pageSize ?? 100);
    const { rows, total } = await inReportTransaction(this.dataSource, scope, async (manager, paths) => {
      const found = await this.query(manager, paths, pageSize, (page - 1) * pageSize);
      // Past the last page the window count is not there: count apart.
      return { rows: found, total: found[0]?.total ?? (page === 1 ? 0 : await this.count(manager, paths)) };
    });
    return {
      ...reportHeading(scope),
      page,
      pageSize,
      total,
      rows: rows.map((row) => this.toRow(row, scope.asOf)),
    };
  }

  private async query(
    manager: EntityManager,
    scope: ReportScope,
    limit: number,
    offset: number,
  ): Promise<SqlRow[]> {
    const params: unknown[] = [scope.asOf];
    const source = await this.openAt(manager, scope, params);
    params.push(limit, offset);
    return manager.query(
      `SELECT code, agency_code, procedure_code, channel, state_status, received_at, state_due,
              state_apologized, state_supplements, (count(*) OVER ())::int AS total
         FROM (${stateAtSql(source, '$1')}) judged
        WHERE overdue_at
        ORDER BY state_due ASC NULLS LAST, code
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  private async count(manager: EntityManager, scope: ReportScope): Promise<number> {
    const params: unknown[] = [scope.asOf];
    const [row] = (await manager.query(
      `SELECT count(*)::int AS total FROM (${stateAtSql(await this.openAt(manager, scope, params), '$1')}) judged WHERE overdue_at`,
      params,
    )) as { total: number }[];
    return row.total;
  }

  /** Dossiers open at the instant ($1); appends the parameters it needs. */
  private async openAt(manager: EntityManager, scope: ReportScope, params: unknown[]): Promise<string> {
    const [{ seconds }] = (await manager.query(LONGEST_OPEN_SQL)) as { seconds: number }[];
    params.push(new Date(scope.asOf.getTime() - seconds * 1000));
    const since = `$${params.length}`;
    return openAtSql(
      '$1::timestamptz',
      since,
      scopeConditions(scope, params, { path: 'f.agency_path', procedure: 'f.procedure_code' }),
    );
  }

  private toRow(row: SqlRow, asOf: Date): OverdueRow {
    const reasons: OverdueReason[] = [];
    const pastDue =
      !!row.state_due &&
      ['RECEIVED', 'PROCESSING'].includes(row.state_status) &&
      row.state_due.getTime() < asOf.getTime();
    if (pastDue) reasons.push('PAST_DUE');
    if (row.state_apologized) reasons.push('APOLOGIZED');
    if (row.state_supplements > 1) reasons.push('REPEATED_SUPPLEMENT');
    return {
      code: row.code,
      agencyCode: row.agency_code,
      procedureCode: row.procedure_code,
      channel: row.channel,
      status: row.state_status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.state_due?.toISOString() ?? null,
      overdueWorkingDays: pastDue
        ? round(this.calendar.workingMinutesBetween(row.state_due!, asOf) / WORKING_MINUTES_PER_DAY, 2)
        : 0,
      reasons,
    };
  }
}
