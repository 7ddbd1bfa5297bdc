import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { agencyCovers, agencySubtreeLikePattern, Principal } from '@motcua/auth';
import { ProblemException } from '@motcua/http';
import { SlaGrouping, SlaReportQueryDto } from './dto/sla-report-query.dto';
import { monthsOf, ReportPeriod, reportPeriod } from './report-period';

export interface SlaRow {
  key: string;
  received: { total: number; carriedOver: number; online: number; directOrPostal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  onTimeRate: number | null;
  avgProcessingDays: number | null;
}

export interface SlaReport {
  asOf: string;
  from: string;
  to: string;
  agencyCode: string;
  groupBy: SlaGrouping;
  rows: SlaRow[];
}

/** Minutes in a working day (07:30-11:30, 13:00-17:00): converts the clock's working minutes to days. */
const WORKING_MINUTES_PER_DAY = 480;

// Vietnam calendar date of a timestamptz column.
const vnDate = (column: string) => `((${column} AT TIME ZONE 'UTC') + interval '7 hours')::date`;

/**
 * The one-stop periodic report (Circular 01/2020/TT-VPCP layout). A dossier belongs to the period when it was
 * received before the period ended and had not finished before it began. Overdue is judged at the period's end,
 * so a closed period reports the same numbers whenever it is asked for.
 */
const SLA_SQL = (keyExpression: string) => `
  WITH scoped AS (
    SELECT f.*,
           (f.finished_as = 'RESOLVED' AND f.finished_at < $2) AS resolved_in_period,
           (f.finished_at IS NULL OR f.finished_at >= $2) AS open_at_end
      FROM dossier_fact f
     WHERE f.received_at < $2
       AND (f.finished_at IS NULL OR f.finished_at >= $1)
       AND ($3::text IS NULL OR f.agency_code LIKE $3)
       AND ($4::text IS NULL OR f.procedure_code = $4)
  ), classified AS (
    SELECT s.*,
           (s.resolved_in_period AND (s.late_by_rule OR s.due_at IS NULL OR s.finished_at > s.due_at)) AS resolved_late,
           (s.resolved_in_period AND NOT s.late_by_rule AND s.due_at IS NOT NULL AND s.finished_at <= s.due_at
              AND ${vnDate('s.finished_at')} < ${vnDate('s.due_at')}) AS resolved_early
      FROM scoped s
  )
  SELECT ${keyExpression} AS key,
         count(*)::int AS received_total,
         count(*) FILTER (WHERE received_at < $1)::int AS carried_over,
         count(*) FILTER (WHERE received_at >= $1 AND channel = 'ONLINE')::int AS online,
         count(*) FILTER (WHERE received_at >= $1 AND channel <> 'ONLINE')::int AS direct_or_postal,
         count(*) FILTER (WHERE resolved_in_period)::int AS resolved_total,
         count(*) FILTER (WHERE resolved_early)::int AS resolved_early,
         count(*) FILTER (WHERE resolved_in_period AND NOT resolved_late AND NOT resolved_early)::int AS resolved_on_time,
         count(*) FILTER (WHERE resolved_late)::int AS resolved_late,
         count(*) FILTER (WHERE open_at_end)::int AS in_progress_total,
         count(*) FILTER (WHERE open_at_end AND NOT late_by_rule AND (due_at IS NULL OR due_at >= $2))::int AS within_deadline,
         count(*) FILTER (WHERE open_at_end AND (late_by_rule OR due_at < $2))::int AS overdue,
         avg(elapsed_working_minutes) FILTER (WHERE resolved_in_period) AS avg_minutes
    FROM classified
   GROUP BY 1
   ORDER BY 1`;

interface SqlRow {
  key: string;
  received_total: number;
  carried_over: number;
  online: number;
  direct_or_postal: number;
  resolved_total: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  in_progress_total: number;
  within_deadline: number;
  overdue: number;
  avg_minutes: string | null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function toRow(row: SqlRow): SlaRow {
  const denominator = row.resolved_total + row.in_progress_total;
  const onTime = row.resolved_early + row.resolved_on_time + row.within_deadline;
  return {
    key: row.key,
    received: {
      total: row.received_total,
      carriedOver: row.carried_over,
      online: row.online,
      directOrPostal: row.direct_or_postal,
    },
    resolved: {
      total: row.resolved_total,
      early: row.resolved_early,
      onTime: row.resolved_on_time,
      late: row.resolved_late,
    },
    inProgress: { total: row.in_progress_total, withinDeadline: row.within_deadline, overdue: row.overdue },
    onTimeRate: denominator ? round(onTime / denominator, 4) : null,
    avgProcessingDays:
      row.avg_minutes === null ? null : round(Number(row.avg_minutes) / WORKING_MINUTES_PER_DAY, 2),
  };
}

@Injectable()
export class SlaReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(query: SlaReportQueryDto, principal: Principal, now = new Date()): Promise<SlaReport> {
    const agencyCode = query.agencyCode ?? principal.agency;
    if (!agencyCovers(principal.agency, agencyCode)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'agency-out-of-scope',
        `Agency ${agencyCode} is outside the agency on your credentials (${principal.agency}).`,
      );
    }
    const period = reportPeriod(query.from, query.to, now);
    if (period.from > period.to) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'from must not be after to.', [
        { field: 'from', message: 'must not be after to' },
      ]);
    }
    const groupBy = query.groupBy ?? 'agency';
    const like = agencySubtreeLikePattern(agencyCode) ?? null;
    const procedure = query.procedureCode ?? null;
    const rows =
      groupBy === 'month'
        ? (
            await Promise.all(
              monthsOf(period).map((month) =>
                this.run(`'${month.from.slice(0, 7)}'`, month, like, procedure),
              ),
            )
          ).flat()
        : await this.run(groupBy === 'agency' ? 'agency_code' : 'procedure_code', period, like, procedure);
    return {
      asOf: (now < period.end ? now : period.end).toISOString(),
      from: period.from,
      to: period.to,
      agencyCode,
      groupBy,
      rows,
    };
  }

  private async run(
    keyExpression: string,
    period: ReportPeriod,
    like: string | null,
    procedure: string | null,
  ) {
    const rows: SqlRow[] = await this.dataSource.query(SLA_SQL(keyExpression), [
      period.start,
      period.end,
      like,
      procedure,
    ]);
    return rows.map(toRow);
  }
}
