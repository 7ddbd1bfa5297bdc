// Working days and working time of Vietnamese state agencies, in Vietnam time (UTC+7).
// A working day is Monday–Friday, not a day off (statutory holiday, compensatory day, notice),
// or any day a notice makes a workday (a swapped Saturday).

import { BUILT_IN_HOLIDAY_OVERRIDES } from './data/holiday-overrides';
import { fromDayNumber, isWeekend, toDayNumber } from './dates';
import type { Holiday } from './holidays';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours, type DayInterval, type OfficeHours } from './office-hours';
import {
  planYear,
  validateOverride,
  type HolidayOverride,
  type SpecialWorkday,
  type YearPlan,
} from './overrides';
import { msIntoVietnamDay, parseTimeOfDay, vietnamDayNumber, vietnamMidnightMs } from './vietnam-time';

export interface WorkingCalendarOptions {
  /** Extra notice rows (e.g. loaded from the database); applied after the built-in ones, so they win ties. */
  readonly overrides?: readonly HolidayOverride[];
  /** Set false to use only `overrides` (default true). */
  readonly includeBuiltInOverrides?: boolean;
  /** Ignore notices issued after this date ('YYYY-MM-DD'): the calendar as it was known then. */
  readonly asOf?: string;
  /** Office hours used when a method is not given its own (default DEFAULT_OFFICE_HOURS). */
  readonly officeHours?: OfficeHours;
}

export interface DueForWorkingDaysOptions {
  /**
   * Per-procedure cut-off 'HH:MM' (unconfirmed rule, off by default): a dossier received after it,
   * or on a non-working day, counts as received on the next working day.
   */
  readonly cutoff?: string;
}

/** Longest run of non-working days tolerated before the data is considered broken. */
const MAX_DAYS_OFF_IN_A_ROW = 366;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

function requireWholeNumber(value: number, what: string, allowNegative = false): void {
  if (!Number.isInteger(value) || (!allowNegative && value < 0)) {
    throw new RangeError(`${what} must be a whole number${allowNegative ? '' : ' ≥ 0'}, got ${value}`);
  }
}

export class WorkingCalendar {
  private readonly overrides: readonly HolidayOverride[];
  private readonly officeHours: OfficeHours;
  private readonly plans = new Map<number, YearPlan>();
  /** Memo of isWorkingDayNumber: long SLA spans ask about the same days again and again. */
  private readonly workingByDay = new Map<number, boolean>();

  constructor(options: WorkingCalendarOptions = {}) {
    const builtIn = options.includeBuiltInOverrides === false ? [] : BUILT_IN_HOLIDAY_OVERRIDES;
    // Copies: year plans are computed lazily, so later edits to the caller's rows must not leak in.
    const rows = [...builtIn, ...(options.overrides ?? [])].map((row) => ({ ...row }));
    rows.forEach(validateOverride);
    const { asOf } = options;
    if (asOf !== undefined) toDayNumber(asOf); // throws on a malformed date
    this.overrides = asOf === undefined ? rows : rows.filter((row) => row.effectiveFrom <= asOf);
    this.officeHours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
    parseOfficeHours(this.officeHours);
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /** Days off of a solar year (holidays, compensatory and swapped days), in date order. */
  holidays(year: number): Holiday[] {
    return [...this.plan(year).daysOff.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Days a notice makes working days (usually swapped Saturdays), in date order. */
  makeUpWorkdays(year: number): SpecialWorkday[] {
    return [...this.plan(year).workdays.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return fromDayNumber(this.stepWorkingDays(toDayNumber(date), 1));
  }

  /**
   * The n-th working day after `date` (before it if n < 0), `date` itself not counted whether or
   * not it is a working day. n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: string, n: number): string {
    requireWholeNumber(n, 'n', true);
    return fromDayNumber(this.stepWorkingDays(toDayNumber(date), n));
  }

  /**
   * Deadline of a limit of `days` working days: the close of office hours of the days-th working
   * day after the day of receipt, which is not counted (nor is a non-working receipt day, so a
   * dossier received on Saturday with 1 day is due Monday at close). With days = 0: the close of
   * the receipt day, or of the next working day if received on a non-working day.
   */
  dueForWorkingDays(
    receivedAt: Date,
    days: number,
    hours: OfficeHours = this.officeHours,
    options: DueForWorkingDaysOptions = {},
  ): Date {
    requireWholeNumber(days, 'days');
    const intervals = parseOfficeHours(hours);
    let receiptDay = vietnamDayNumber(receivedAt);
    if (options.cutoff !== undefined) {
      const cutoff = parseTimeOfDay(options.cutoff);
      if (!this.isWorkingDayNumber(receiptDay) || msIntoVietnamDay(receivedAt) > cutoff) {
        receiptDay = this.stepWorkingDays(receiptDay, 1);
      }
    }
    // days = 0 on a non-working receipt day: the next working day, as for 1.
    const dueDay =
      days === 0 && this.isWorkingDayNumber(receiptDay)
        ? receiptDay
        : this.stepWorkingDays(receiptDay, Math.max(days, 1));
    return new Date(vietnamMidnightMs(dueDay) + intervals[intervals.length - 1].end);
  }

  /**
   * The earliest instant at which `hours` working hours (office hours on working days) have
   * elapsed since `start`. 8 hours from Friday 16:00 is Monday 16:00 with the default hours.
   */
  dueForWorkingHours(start: Date, hours: number, officeHours: OfficeHours = this.officeHours): Date {
    if (!Number.isFinite(hours) || hours < 0)
      throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
    const intervals = parseOfficeHours(officeHours);
    const startMs = instantMs(start);
    let remaining = Math.round(hours * MS_PER_HOUR);
    if (remaining === 0) return new Date(startMs);
    for (const day of this.workingDaysFrom(vietnamDayNumber(start))) {
      const midnight = vietnamMidnightMs(day);
      for (const interval of intervals) {
        const from = Math.max(startMs, midnight + interval.start);
        const available = midnight + interval.end - from;
        if (available <= 0) continue;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
      }
    }
    throw new Error('unreachable: workingDaysFrom never ends');
  }

  /** Office minutes on working days in [from, to); 0 if `to` is not after `from`. */
  workingMinutesBetween(from: Date, to: Date, officeHours: OfficeHours = this.officeHours): number {
    const intervals = parseOfficeHours(officeHours);
    const fromMs = instantMs(from);
    const toMs = instantMs(to);
    if (toMs <= fromMs) return 0;
    let total = 0;
    for (let day = vietnamDayNumber(from); day <= vietnamDayNumber(to); day++) {
      if (this.isWorkingDayNumber(day)) total += overlapMs(intervals, vietnamMidnightMs(day), fromMs, toMs);
    }
    return total / MS_PER_MINUTE;
  }

  private plan(year: number): YearPlan {
    requireWholeNumber(year, 'year');
    let plan = this.plans.get(year);
    if (!plan) {
      plan = planYear(year, this.overrides);
      this.plans.set(year, plan);
    }
    return plan;
  }

  private isWorkingDayNumber(day: number): boolean {
    let working = this.workingByDay.get(day);
    if (working === undefined) {
      const date = fromDayNumber(day);
      const plan = this.plan(Number(date.slice(0, 4)));
      working = plan.workdays.has(date) || (!isWeekend(day) && !plan.daysOff.has(date));
      this.workingByDay.set(day, working);
    }
    return working;
  }

  /** Working days from `day` (inclusive) onwards. */
  private *workingDaysFrom(day: number): Generator<number, never> {
    for (let current = day, daysOff = 0; ; current++) {
      if (this.isWorkingDayNumber(current)) {
        daysOff = 0;
        yield current;
      } else if (++daysOff > MAX_DAYS_OFF_IN_A_ROW) {
        throw new Error(`No working day for a year after ${fromDayNumber(day)}: check the holiday overrides`);
      }
    }
  }

  /** The |n|-th working day after (n > 0) or before (n < 0) `day`, which is not counted. */
  private stepWorkingDays(day: number, n: number): number {
    const step = Math.sign(n);
    let current = day;
    for (let remaining = Math.abs(n), daysOff = 0; remaining > 0;) {
      current += step;
      if (this.isWorkingDayNumber(current)) {
        remaining--;
        daysOff = 0;
      } else if (++daysOff > MAX_DAYS_OFF_IN_A_ROW) {
        throw new Error(
          `No working day for a year around ${fromDayNumber(current)}: check the holiday overrides`,
        );
      }
    }
    return current;
  }
}

/** Milliseconds of [fromMs, toMs) inside the day's office intervals. */
function overlapMs(
  intervals: readonly DayInterval[],
  midnight: number,
  fromMs: number,
  toMs: number,
): number {
  return intervals.reduce(
    (sum, { start, end }) =>
      sum + Math.max(0, Math.min(toMs, midnight + end) - Math.max(fromMs, midnight + start)),
    0,
  );
}
