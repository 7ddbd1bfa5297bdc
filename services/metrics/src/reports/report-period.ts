import { vietnamDateOf, vietnamInstant } from '@motcua/calendar';

export interface ReportPeriod {
  from: string;
  to: string;
  /** First instant of `from` in Vietnam time. */
  start: Date;
  /** First instant after `to` in Vietnam time (exclusive bound). */
  end: Date;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function reportPeriod(from: string | undefined, to: string | undefined, now: Date): ReportPeriod {
  const today = vietnamDateOf(now);
  const resolvedTo = to ?? today;
  const resolvedFrom = from ?? `${resolvedTo.slice(0, 4)}-01-01`;
  return {
    from: resolvedFrom,
    to: resolvedTo,
    start: vietnamInstant(resolvedFrom),
    end: vietnamInstant(addDays(resolvedTo, 1)),
  };
}

/** The 1st of the month after the one `day` (YYYY-MM-DD) is in. */
export function firstOfNextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** The calendar months a period touches, each clipped to the period. */
export function monthsOf(period: ReportPeriod): ReportPeriod[] {
  const months: ReportPeriod[] = [];
  let cursor = period.from;
  while (cursor <= period.to) {
    const nextMonth = firstOfNextMonth(cursor);
    const last = addDays(nextMonth, -1) < period.to ? addDays(nextMonth, -1) : period.to;
    months.push({
      from: cursor,
      to: last,
      start: vietnamInstant(cursor),
      end: vietnamInstant(addDays(last, 1)),
    });
    cursor = nextMonth;
  }
  return months;
}
