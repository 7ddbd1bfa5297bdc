import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@motcua/auth';
import { GroupedReportQueryDto, ReportGrouping } from './dto/report-query.dto';
import { monthsOf } from './report-period';
import {
  rate,
  ReportScope,
  resolveScope,
  round,
  scopeConditions,
  asOfFor,
  WORKING_MINUTES_PER_DAY,
} from './report-scope';
import { inReportTransaction } from './report-query';
import { FACT_COLUMNS, stateAtSql } from './state-at.sql';

export interface SlaRow {
  key: string;
  received: { total: number; carriedOver: number; online: number; directOrPostal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  /** Left processing in the period without a result; received.total = resolved + notResolved + inProgress. */
  notResolved: { total: number; refused: number; withdrawn: number; stopped: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  /** (resolved early or on time + in progress within deadline) / (resolved + in progress). */
  onTimeRate: number | null;
  /** Working days on the clock, pauses excluded, over the dossiers resolved in the period. */
  avgProcessingDays: number | null;
}

export interface SlaReport {
  asOf: string;
  from: string;
  to: string;
  agencyCode: string;
  procedureCode: string | null;
  groupBy: ReportGrouping;
  rows: SlaRow[];
  total: SlaRow;
}

interface SqlRow {
  key: string;
  /** The grand-total row of the grouping sets. */
  is_total: boolean;
  received_total: number;
  carried_over: number;
  online: number;
  direct_or_postal: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  in_progress: number;
  overdue: number;
  minutes_sum: string | null;
}

/** The calendar months of a period, each with its bounds and the instant it is judged at. */
export interface MonthBounds {
  keys: string[];
  starts: Date[];
  ends: Date[];
  asOfs: Date[];
}

/**
 * The one-stop periodic report (Circular 01/2020/TT-VPCP layout). Its dossiers: those received in the period and
 * those carried over (open at its start). Each leaves processing in the period or is still open at the instant the
 * period is judged at, min(period end, now). By month, each dossier of the period is paired with every month it was
 * open in and judged against that month's bounds, all in one pass; the grand total is then a separate pass over the
 * whole period (a dossier open in two months counts once in it).
 */
function slaSql(keyExpression: string, scope: ReportScope, params: unknown[], months?: MonthBounds): string {
  // $1 and $2: the period's bounds; the instant it is judged at is a parameter only when not by month.
  if (!months) params.push(scope.asOf);
  const conditions = scopeConditions(scope, params);
  let source = `
    SELECT ${FACT_COLUMNS} FROM dossier_fact f
     WHERE f.received_at >= $1 AND f.received_at < $2${conditions}
    UNION ALL
    SELECT ${FACT_COLUMNS} FROM dossier_fact f
     WHERE tstzrange(f.received_at, f.finished_at, '[)') @> $1::timestamptz AND f.received_at < $1${conditions}`;
  let [start, asOf, grouping] = ['$1', '$3', `GROUPING SETS ((${keyExpression}), ())`];
  if (months) {
    params.push(months.keys, months.starts, months.ends, months.asOfs);
    const n = params.length;
    source = `
      SELECT p.*, m.key AS month_key, m.start_at AS month_start, m.as_of AS month_as_of
        FROM (${source}) p
        JOIN unnest($${n - 3}::text[], $${n - 2}::timestamptz[], $${n - 1}::timestamptz[], $${n}::timestamptz[])
             AS m(key, start_at, end_at, as_of)
          ON p.received_at < m.end_at AND (p.finished_at IS NULL OR p.finished_at >= m.start_at)`;
    // Unqualified: each resolves to the row's own month wherever stateAtSql uses it.
    [keyExpression, start, asOf, grouping] = ['month_key', 'month_start', 'month_as_of', 'month_key'];
  }
  const finishedIn = `(finished_at >= ${start} AND finished_at < ${asOf})`;
  return `
    SELECT ${keyExpression} AS key, ${months ? 'false' : `grouping(${keyExpression}) = 1`} AS is_total,
           count(*)::int AS received_total,
           count(*) FILTER (WHERE received_at < ${start})::int AS carried_over,
           count(*) FILTER (WHERE received_at >= ${start} AND channel = 'ONLINE')::int AS online,
           count(*) FILTER (WHERE received_at >= ${start} AND channel <> 'ONLINE')::int AS direct_or_postal,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED' AND resolution = 'EARLY')::int AS resolved_early,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED' AND resolution = 'ON_TIME')::int AS resolved_on_time,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED' AND resolution = 'LATE')::int AS resolved_late,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'REJECTED')::int AS refused,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'WITHDRAWN')::int AS withdrawn,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'STOPPED')::int AS stopped,
           count(*) FILTER (WHERE open_at)::int AS in_progress,
           count(*) FILTER (WHERE overdue_at)::int AS overdue,
           sum(processing_minutes) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED') AS minutes_sum
      FROM (${stateAtSql(source, asOf)}) judged
     GROUP BY ${grouping}
     ORDER BY 2, 1`;
}

function toRow(row: SqlRow): SlaRow {
  const resolvedTotal = row.resolved_early + row.resolved_on_time + row.resolved_late;
  const withinDeadline = row.in_progress - row.overdue;
  return {
    key: row.key,
    received: {
      total: row.received_total,
      carriedOver: row.carried_over,
      online: row.online,
      directOrPostal: row.direct_or_postal,
    },
    resolved: {
      total: resolvedTotal,
      early: row.resolved_early,
      onTime: row.resolved_on_time,
      late: row.resolved_late,
    },
    notResolved: {
      total: row.refused + row.withdrawn + row.stopped,
      refused: row.refused,
      withdrawn: row.withdrawn,
      stopped: row.stopped,
    },
    inProgress: { total: row.in_progress, withinDeadline, overdue: row.overdue },
    onTimeRate: rate(
      row.resolved_early + row.resolved_on_time + withinDeadline,
      resolvedTotal + row.in_progress,
    ),
    avgProcessingDays:
      resolvedTotal && row.minutes_sum !== null
        ? round(Number(row.minutes_sum) / resolvedTotal / WORKING_MINUTES_PER_DAY, 2)
        : null,
  };
}

const ZERO: Omit<SqlRow, 'key' | 'is_total'> = {
  received_total: 0,
  carried_over: 0,
  online: 0,
  direct_or_postal: 0,
  resolved_early: 0,
  resolved_on_time: 0,
  resolved_late: 0,
  refused: 0,
  withdrawn: 0,
  stopped: 0,
  in_progress: 0,
  overdue: 0,
  minutes_sum: null,
};

@Injectable()
export class SlaReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(query: GroupedReportQueryDto, principal: Principal, now = new Date()): Promise<SlaReport> {
    const scope = resolveScope(query, principal, now);
    const groupBy = query.groupBy ?? 'agency';
    const { rows, total } = await inReportTransaction(this.dataSource, async (manager) => {
      if (groupBy !== 'month') {
        return this.run(manager, groupBy === 'agency' ? 'agency_code' : 'procedure_code', scope);
      }
      // Every month of the period has a row, each judged at its own end.
      const periods = monthsOf(scope.period);
      const months: MonthBounds = {
        keys: periods.map((m) => m.from.slice(0, 7)),
        starts: periods.map((m) => m.start),
        ends: periods.map((m) => m.end),
        asOfs: periods.map((m) => asOfFor(m, now)),
      };
      const found = new Map(
        (await this.run(manager, 'month_key', scope, months)).rows.map((r) => [r.key, r]),
      );
      return {
        rows: months.keys.map((key) => found.get(key) ?? { key, is_total: false, ...ZERO }),
        total: (await this.run(manager, "'total'::text", scope)).total,
      };
    });
    return {
      asOf: scope.asOf.toISOString(),
      from: scope.period.from,
      to: scope.period.to,
      agencyCode: scope.agencyCode,
      procedureCode: scope.procedureCode,
      groupBy,
      rows: rows.map(toRow),
      total: toRow(total),
    };
  }

  /** The period's totals, for the indicators (inside the caller's report transaction). */
  async totals(manager: EntityManager, scope: ReportScope): Promise<SlaRow> {
    return toRow((await this.run(manager, "'total'::text", scope)).total);
  }

  /** The rows per key and the grand total, from one pass (grouping sets). */
  private async run(manager: EntityManager, keyExpression: string, scope: ReportScope, months?: MonthBounds) {
    const params: unknown[] = [scope.period.start, scope.period.end];
    const result: SqlRow[] = await manager.query(slaSql(keyExpression, scope, params, months), params);
    return {
      rows: result.filter((row) => !row.is_total),
      total: { ...(result.find((row) => row.is_total) ?? { is_total: true, ...ZERO }), key: 'total' },
    };
  }
}
