// Yearly official notices as data rows, and how they combine with the statutory baseline.
//
// A row covers one day or an inclusive range of days within one solar year, and says that those
// days are off (HOLIDAY) or worked (WORKDAY). Rows come from the built-in data
// (data/holiday-overrides.ts) and from callers (agencies' rows loaded from the database).
//
// Combination rules, for a year:
// 1. Rows tagged with a statutory holiday are the notice's complete list for that holiday: they
//    replace its computed days and their compensation (e.g. the Tết fallback). If several notices
//    tag the same holiday and year, only the rows of the latest effectiveFrom count.
// 2. Untagged rows add or remove single days (a weekday made a holiday, a Saturday made a workday).
// 3. On any date covered by several rows, the row with the latest effectiveFrom wins; on a tie,
//    the one later in the list (so caller rows beat built-in rows).
// 4. Compensation is computed for the baseline holidays that remain, skipping dates a row decides.
// 5. Decided dates override the baseline: HOLIDAY → off, WORKDAY → worked.

import { fromDayNumber, toDayNumber, yearOfDayNumber } from './dates';
import {
  compensatoryDays,
  HOLIDAY_IDS,
  HOLIDAY_NAMES,
  statutoryDays,
  type Holiday,
  type HolidayId,
  type HolidayKind,
  type LocalizedName,
} from './holidays';

export type OverrideType = 'HOLIDAY' | 'WORKDAY';

export interface HolidayOverride {
  /** First day, 'YYYY-MM-DD'. */
  readonly from: string;
  /** Last day (inclusive, same solar year); defaults to `from`. */
  readonly to?: string;
  readonly type: OverrideType;
  /** Tags the row as part of the notice for this statutory holiday (see rule 1 above). */
  readonly holiday?: HolidayId;
  /** Only for HOLIDAY rows; defaults to 'HOLIDAY'. */
  readonly kind?: HolidayKind;
  /** Defaults to the holiday's name, or a generic swapped-day / make-up-day name. */
  readonly name?: LocalizedName;
  /** The notice: number, date and issuer, e.g. 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024'. */
  readonly source: string;
  /** The date the notice was issued ('YYYY-MM-DD'); orders competing notices. */
  readonly effectiveFrom: string;
  /** False when the days have not been checked against the notice (or consistent reports of it). */
  readonly confirmed: boolean;
}

/** A day that is worked although it would otherwise be off (usually a Saturday, by swap). */
export interface SpecialWorkday {
  readonly date: string;
  readonly name: LocalizedName;
  readonly source: string;
}

/** Days off and make-up workdays of one solar year, keyed by date. */
export interface YearPlan {
  readonly daysOff: ReadonlyMap<string, Holiday>;
  readonly workdays: ReadonlyMap<string, SpecialWorkday>;
}

const SWAPPED_DAY_OFF: LocalizedName = { vi: 'Ngày nghỉ hoán đổi', en: 'Swapped day off' };
const MAKE_UP_WORKDAY: LocalizedName = { vi: 'Ngày làm bù', en: 'Make-up working day' };

function fail(row: HolidayOverride, reason: string): never {
  throw new RangeError(`Invalid holiday override ${JSON.stringify(row)}: ${reason}`);
}

/** Checks a row (rows may come from a database, so types are checked at run time too). */
export function validateOverride(row: HolidayOverride): void {
  const from = toDayNumber(row.from);
  const to = toDayNumber(row.to ?? row.from);
  toDayNumber(row.effectiveFrom);
  if (to < from) fail(row, '`to` is before `from`');
  if (yearOfDayNumber(to) !== yearOfDayNumber(from)) fail(row, 'a row must stay within one solar year');
  if (row.type !== 'HOLIDAY' && row.type !== 'WORKDAY') fail(row, '`type` must be HOLIDAY or WORKDAY');
  if (row.holiday !== undefined && !HOLIDAY_IDS.includes(row.holiday)) fail(row, 'unknown `holiday`');
  if (row.kind !== undefined && (row.type !== 'HOLIDAY' || !['HOLIDAY', 'COMPENSATORY'].includes(row.kind))) {
    fail(row, '`kind` is HOLIDAY or COMPENSATORY, and only on HOLIDAY rows');
  }
  if (typeof row.source !== 'string' || row.source.trim() === '') fail(row, '`source` is required');
  if (typeof row.confirmed !== 'boolean') fail(row, '`confirmed` must be a boolean');
}

function yearOfRow(row: HolidayOverride): number {
  return Number(row.from.slice(0, 4));
}

function datesOf(row: HolidayOverride): string[] {
  const dates: string[] = [];
  for (let day = toDayNumber(row.from); day <= toDayNumber(row.to ?? row.from); day++)
    dates.push(fromDayNumber(day));
  return dates;
}

/** Rule 1: of the rows tagged with a holiday, keep those of the latest notice for that holiday. */
function supersede(rows: readonly HolidayOverride[]): HolidayOverride[] {
  const latest = new Map<HolidayId, string>();
  for (const row of rows) {
    if (!row.holiday) continue;
    const current = latest.get(row.holiday);
    if (current === undefined || row.effectiveFrom > current) latest.set(row.holiday, row.effectiveFrom);
  }
  return rows.filter((row) => !row.holiday || latest.get(row.holiday) === row.effectiveFrom);
}

/** Rule 3: the deciding row of each covered date. */
function decideDates(rows: readonly HolidayOverride[]): Map<string, HolidayOverride> {
  const decisions = new Map<string, HolidayOverride>();
  for (const row of rows) {
    for (const date of datesOf(row)) {
      const current = decisions.get(date);
      if (!current || row.effectiveFrom >= current.effectiveFrom) decisions.set(date, row);
    }
  }
  return decisions;
}

function dayOffFromRow(date: string, row: HolidayOverride): Holiday {
  return {
    date,
    name: row.name ?? (row.holiday ? HOLIDAY_NAMES[row.holiday] : SWAPPED_DAY_OFF),
    kind: row.kind ?? 'HOLIDAY',
    source: row.source,
    ...(row.holiday ? { holiday: row.holiday } : {}),
  };
}

/** Resolves one solar year from the statutory baseline and the override rows (already validated). */
export function planYear(year: number, rows: readonly HolidayOverride[]): YearPlan {
  const active = supersede(rows.filter((row) => yearOfRow(row) === year));
  const replaced = new Set(active.flatMap((row) => (row.holiday ? [row.holiday] : [])));
  const decisions = decideDates(active);

  const daysOff = new Map<string, Holiday>();
  for (const day of statutoryDays(year)) {
    const isReplaced = day.holiday !== undefined && replaced.has(day.holiday);
    // Coinciding statutory days (Hùng Kings' day on 30/4 happens in 1947 only) are merged.
    if (!isReplaced && !daysOff.has(day.date)) daysOff.set(day.date, day);
  }
  for (const day of compensatoryDays([...daysOff.values()], year, (date) => decisions.has(date))) {
    daysOff.set(day.date, day);
  }

  const workdays = new Map<string, SpecialWorkday>();
  for (const [date, row] of decisions) {
    if (row.type === 'WORKDAY') {
      daysOff.delete(date);
      workdays.set(date, { date, name: row.name ?? MAKE_UP_WORKDAY, source: row.source });
    } else {
      daysOff.set(date, dayOffFromRow(date, row));
    }
  }
  return { daysOff, workdays };
}
