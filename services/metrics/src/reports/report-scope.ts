import { HttpStatus } from '@nestjs/common';
import { agencyCovers, Principal } from '@motcua/auth';
import { localized, ProblemException, validationProblem } from '@motcua/http';
import { agencyPathPattern } from '../facts/agency-path';
import { ReportQueryDto } from './dto/report-query.dto';
import { vietnamInstant } from '@motcua/calendar';
import { addDays, firstOfNextMonth, ReportPeriod, reportPeriod } from './report-period';

/** What a report is about: whose dossiers, which period, and the instant open dossiers are judged at. */
export interface ReportScope {
  agencyCode: string;
  /** LIKE pattern on agency_path; null for the national scope. */
  pathPattern: string | null;
  /**
   * The agency paths of the subtree that have dossiers, once looked up (inReportTransaction): an equality list lets a
   * (agency_path, received_at) index range over the period within each agency, which a prefix LIKE cannot.
   */
  agencyPaths?: string[] | null;
  procedureCode: string | null;
  /** DIRECT, ONLINE or POSTAL; null for every channel. */
  channel: string | null;
  period: ReportPeriod;
  /**
   * min(period end, now), but not before the period starts: a closed period is judged at its end, so it reports
   * the same numbers whenever it is asked for.
   */
  asOf: Date;
}

/** What every report says it is about: the instant judged at, the period and the filters. */
export function reportHeading(scope: ReportScope) {
  return {
    asOf: scope.asOf.toISOString(),
    from: scope.period.from,
    to: scope.period.to,
    agencyCode: scope.agencyCode,
    procedureCode: scope.procedureCode,
    channel: scope.channel,
  };
}

export function asOfFor(period: ReportPeriod, now: Date): Date {
  const capped = now < period.end ? now : period.end;
  return capped < period.start ? period.start : capped;
}

export function resolveScope(query: ReportQueryDto, principal: Principal, now: Date): ReportScope {
  const agencyCode = query.agencyCode ?? principal.agency;
  if (!agencyCovers(principal.agency, agencyCode)) {
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'agency-out-of-scope',
      localized(
        `Agency ${agencyCode} is outside the agency on your credentials (${principal.agency}).`,
        `Cơ quan ${agencyCode} nằm ngoài phạm vi cơ quan trong thông tin đăng nhập (${principal.agency}).`,
      ),
    );
  }
  const period = reportPeriod(query.from, query.to, now);
  if (period.from > period.to) {
    throw validationProblem([
      {
        field: 'from',
        in: 'query',
        message: localized('from must not be after to', 'from không được sau to'),
      },
    ]);
  }
  return {
    agencyCode,
    pathPattern: agencyPathPattern(agencyCode),
    procedureCode: query.procedureCode ?? null,
    channel: query.channel ?? null,
    period,
    asOf: asOfFor(period, now),
  };
}

/**
 * The monthly read models are kept per agency, procedure and month, not per channel: a report filtered by channel
 * counts from the dossiers (the exact way, which the monthly tables only make faster).
 */
export const countsFromDossiers = (scope: ReportScope, scan = false): boolean =>
  scan || scope.channel !== null;

/**
 * SQL conditions of the scope on a table's agency_path, procedure_code and channel columns, appended as parameters
 * (`channel` may be an expression: document_fact takes its dossier's).
 */
export function scopeConditions(
  scope: ReportScope,
  params: unknown[],
  columns: { path: string; procedure: string; channel?: string } = {
    path: 'agency_path',
    procedure: 'procedure_code',
  },
): string {
  const conditions: string[] = [];
  if (scope.agencyPaths) {
    params.push(scope.agencyPaths);
    conditions.push(`${columns.path} = ANY($${params.length}::text[])`);
  } else if (scope.pathPattern !== null) {
    params.push(scope.pathPattern);
    conditions.push(`${columns.path} LIKE $${params.length}`);
  }
  if (scope.procedureCode !== null) {
    params.push(scope.procedureCode);
    conditions.push(`${columns.procedure} = $${params.length}`);
  }
  if (scope.channel !== null) {
    params.push(scope.channel);
    conditions.push(`${columns.channel ?? 'channel'} = $${params.length}`);
  }
  return conditions.map((c) => ` AND ${c}`).join('');
}

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export const rate = (numerator: number, denominator: number): number | null =>
  denominator ? round(numerator / denominator, 4) : null;

/** Minutes in a working day (07:30-11:30, 13:00-17:00): turns the clock's working minutes into days. */
export const WORKING_MINUTES_PER_DAY = 480;

/**
 * A period from the first of a month to the end of a month (or to today or later: nothing is received after now,
 * nor finished) is answered from the monthly read models; other periods scan the dossiers. Both give the same
 * numbers.
 */
export function isMonthAligned(period: ReportPeriod, now: Date): boolean {
  const lastOfMonth = addDays(period.to, 1).endsWith('-01');
  return period.from.endsWith('-01') && (lastOfMonth || period.end.getTime() > now.getTime());
}

/**
 * A period cut at month boundaries: the full months inside it, answered from the monthly read models, and the
 * partial months at each edge, counted from the dossiers (a few weeks at most, however long the period).
 */
export interface MonthSplit {
  /** The full months are those from firstMonth (YYYY-MM-01) up to, not including, endMonth. */
  firstMonth: string;
  endMonth: string;
  /** From the period's start to firstMonth, when the period does not start on a 1st. */
  head: ReportPeriod | null;
  /** From endMonth to the period's end, when the period ends before a month's end (and before now). */
  tail: ReportPeriod | null;
}

/**
 * The split of a period, or null when it has no month boundary inside (it lies within one month: counted from the
 * dossiers whole). A period ending today or later ends with its month: nothing is received or finished after now.
 */
export function monthSplit(period: ReportPeriod, now: Date): MonthSplit | null {
  const firstMonth = period.from.endsWith('-01') ? period.from : firstOfNextMonth(period.from);
  const endsWithMonth = addDays(period.to, 1).endsWith('-01') || period.end.getTime() > now.getTime();
  const endMonth = endsWithMonth ? firstOfNextMonth(period.to) : `${period.to.slice(0, 7)}-01`;
  if (firstMonth > endMonth) return null;
  const firstStart = vietnamInstant(firstMonth);
  const endStart = vietnamInstant(endMonth);
  return {
    firstMonth,
    endMonth,
    head:
      firstMonth > period.from
        ? { from: period.from, to: addDays(firstMonth, -1), start: period.start, end: firstStart }
        : null,
    tail: endMonth <= period.to ? { from: endMonth, to: period.to, start: endStart, end: period.end } : null,
  };
}
