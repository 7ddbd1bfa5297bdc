import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/**
 * The one-stop periodic report (Circular 01/2020/TT-VPCP layout). Its dossiers: those received in the period and
 * those carried over (open at its start). Each leaves processing in the period or is still open at the instant the
 * period is judged at, min(period end, now).
 */
function slaSql(keyExpression: string, scope: ReportScope, params: unknown[]): string {
  const conditions = scopeConditions(scope, params);
  const source = `
    SELECT ${FACT_COLUMNS} FROM dossier_fact f
     WHERE f.received_at >= $1 AND f.received_at < $2${conditions}
    UNION ALL
    SELECT ${FACT_COLUMNS} FROM dossier_fact f
     WHERE tstzrange(f.received_at, f.finished_at, '[)') @> $1::timestamptz AND f.received_at < $1${conditions}`;
  const finishedIn = `(finished_at >= $1 AND finished_at < $3)`;
  return `
    SELECT ${keyExpression} AS key,
           count(*)::int AS received_total,
           count(*) FILTER (WHERE received_at < $1)::int AS carried_over,
           count(*) FILTER (WHERE received_at >= $1 AND channel = 'ONLINE')::int AS online,
           count(*) FILTER (WHERE received_at >= $1 AND channel <> 'ONLINE')::int AS direct_or_postal,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED' AND resolution = 'EARLY')::int AS resolved_early,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED' AND resolution = 'ON_TIME')::int AS resolved_on_time,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED' AND resolution = 'LATE')::int AS resolved_late,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'REJECTED')::int AS refused,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'WITHDRAWN')::int AS withdrawn,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'STOPPED')::int AS stopped,
           count(*) FILTER (WHERE open_at)::int AS in_progress,
           count(*) FILTER (WHERE overdue_at)::int AS overdue,
           sum(processing_minutes) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED') AS minutes_sum
      FROM (${stateAtSql(source, '$3')}) judged
     GROUP BY 1
     ORDER BY 1`;
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

const ZERO: Omit<SqlRow, 'key'> = {
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
    let rows: SqlRow[];
    let totals: SqlRow[];
    if (groupBy === 'month') {
      // Every month of the period has a row, each judged at its own end.
      rows = await Promise.all(
        monthsOf(scope.period).map(async (month) => {
          const key = month.from.slice(0, 7);
          const [row] = await this.run(`'${key}'`, { ...scope, period: month, asOf: asOfFor(month, now) });
          return row ?? { key, ...ZERO };
        }),
      );
      // Over the whole period a dossier resolved in March and carried over into April counts once.
      totals = await this.run("'total'", scope);
    } else {
      rows = await this.run(groupBy === 'agency' ? 'agency_code' : 'procedure_code', scope);
      totals = await this.run("'total'", scope);
    }
    return {
      asOf: scope.asOf.toISOString(),
      from: scope.period.from,
      to: scope.period.to,
      agencyCode: scope.agencyCode,
      procedureCode: scope.procedureCode,
      groupBy,
      rows: rows.map(toRow),
      total: toRow(totals[0] ?? { key: 'total', ...ZERO }),
    };
  }

  /** The period's totals, for the indicators. */
  async totals(scope: ReportScope): Promise<SlaRow> {
    const [row] = await this.run("'total'", scope);
    return toRow(row ?? { key: 'total', ...ZERO });
  }

  private async run(keyExpression: string, scope: ReportScope): Promise<SqlRow[]> {
    const params: unknown[] = [scope.period.start, scope.period.end, scope.asOf];
    return this.dataSource.query(slaSql(keyExpression, scope, params), params);
  }
}
