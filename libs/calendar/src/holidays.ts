// The statutory baseline of public holidays, computed from the law alone (no yearly notice).
// The Labour Code fixes which holidays exist; the exact days of Tết and the day next to National Day
// are set each year by notice, so those two use documented default rules here (overrides.ts
// replaces them when notice data exists).

import { addDays, formatDate, fromDayNumber, isWeekend, toDayNumber, weekdayOf } from './dates';
import { lunarNewYear, lunarToSolar } from './lunar';

/** The statutory holidays of Labour Code 2019, Art. 112(1). */
export type HolidayId =
  'NEW_YEAR' | 'TET' | 'HUNG_KINGS' | 'REUNIFICATION_DAY' | 'LABOUR_DAY' | 'NATIONAL_DAY';

export const HOLIDAY_IDS: readonly HolidayId[] = [
  'NEW_YEAR',
  'TET',
  'HUNG_KINGS',
  'REUNIFICATION_DAY',
  'LABOUR_DAY',
  'NATIONAL_DAY',
];

/** HOLIDAY: a day off in its own right; COMPENSATORY: replaces a holiday that fell on a weekend. */
export type HolidayKind = 'HOLIDAY' | 'COMPENSATORY';

export interface LocalizedName {
  readonly vi: string;
  readonly en: string;
}

export interface Holiday {
  readonly date: string;
  readonly name: LocalizedName;
  readonly kind: HolidayKind;
  /** The law or notice this day off comes from. */
  readonly source: string;
  /** The statutory holiday this day belongs to; absent for extra days off such as swaps. */
  readonly holiday?: HolidayId;
}

export const HOLIDAY_NAMES: Readonly<Record<HolidayId, LocalizedName>> = {
  NEW_YEAR: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  TET: { vi: 'Tết Âm lịch (Tết Nguyên đán)', en: 'Lunar New Year (Tết)' },
  HUNG_KINGS: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
  REUNIFICATION_DAY: { vi: 'Ngày Chiến thắng', en: 'Reunification Day' },
  LABOUR_DAY: { vi: 'Ngày Quốc tế lao động', en: 'International Labour Day' },
  NATIONAL_DAY: { vi: 'Quốc khánh', en: 'National Day' },
};

/** The holiday rules of one Labour Code, with the date it took effect. */
interface StatutoryRules {
  readonly effectiveFrom: string;
  readonly holidaysSource: string;
  readonly compensationSource: string;
  /** Labour Code 2019 added a second National Day: 2/9 plus one adjacent day. */
  readonly nationalDayAdjacent: boolean;
}

// Ordered by effectiveFrom. Years before the first entry use it too (an approximation: before
// 2013 Tết was 4 days), which is fine for a system that judges dossiers from 2024 on.
const STATUTORY_RULES: readonly StatutoryRules[] = [
  {
    effectiveFrom: '2013-05-01',
    holidaysSource: 'Bộ luật Lao động 2012 (10/2012/QH13), Điều 115 khoản 1',
    compensationSource: 'Bộ luật Lao động 2012 (10/2012/QH13), Điều 115 khoản 3',
    nationalDayAdjacent: false,
  },
  {
    effectiveFrom: '2021-01-01',
    holidaysSource: 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1',
    compensationSource: 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 111 khoản 3',
    nationalDayAdjacent: true,
  },
];

const DEFAULT_RULE_NOTE = 'ngày cụ thể theo quy tắc mặc định, chưa có thông báo hằng năm';

function rulesForYear(year: number): StatutoryRules {
  const inForce = STATUTORY_RULES.filter((rules) => Number(rules.effectiveFrom.slice(0, 4)) <= year);
  return inForce.at(-1) ?? STATUTORY_RULES[0];
}

/**
 * Default days of Tết when no notice exists: the last day of the old lunar year and the first
 * four days of the new one (the split most notices use; the law only says "5 days").
 */
export function defaultTetDays(year: number): string[] {
  const newYearsEve = addDays(lunarNewYear(year), -1);
  return [0, 1, 2, 3, 4].map((offset) => addDays(newYearsEve, offset));
}

/**
 * Default day next to 2 September when no notice exists. The law allows the day before or after.
 * Rule, matching the notices of 2021–2026: take the neighbour that is a weekday; if both are, the
 * one that joins a weekend (Monday 1/9 or Friday 3/9); if neither does (2/9 on a Wednesday), 1/9.
 */
export function defaultNationalDayAdjacent(year: number): string {
  const weekday = weekdayOf(toDayNumber(formatDate(year, 9, 2)));
  // Sunday: 3/9 (Mon); Monday: 3/9 (Tue, 1/9 is a Sunday); Thursday: 3/9 (Fri). Otherwise 1/9.
  return formatDate(year, 9, weekday === 0 || weekday === 1 || weekday === 4 ? 3 : 1);
}

/** The holiday days the law gives in a year, before compensation, each tagged with its holiday. */
export function statutoryDays(year: number): Holiday[] {
  const rules = rulesForYear(year);
  const day = (holiday: HolidayId, date: string, source = rules.holidaysSource): Holiday => ({
    date,
    name: HOLIDAY_NAMES[holiday],
    kind: 'HOLIDAY',
    source,
    holiday,
  });
  const defaulted = `${rules.holidaysSource}; ${DEFAULT_RULE_NOTE}`;
  const days = [
    day('NEW_YEAR', formatDate(year, 1, 1)),
    ...defaultTetDays(year).map((date) => day('TET', date, defaulted)),
    day('HUNG_KINGS', lunarToSolar(10, 3, year)),
    day('REUNIFICATION_DAY', formatDate(year, 4, 30)),
    day('LABOUR_DAY', formatDate(year, 5, 1)),
    day('NATIONAL_DAY', formatDate(year, 9, 2)),
  ];
  if (rules.nationalDayAdjacent) days.push(day('NATIONAL_DAY', defaultNationalDayAdjacent(year), defaulted));
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

function compensatoryName(name: LocalizedName): LocalizedName {
  return { vi: `Nghỉ bù ${name.vi}`, en: `Compensatory day off for ${name.en}` };
}

/**
 * Compensatory days: each holiday on a Saturday or Sunday gives the next weekday that is not
 * already off (nor decided by a notice, `isDecided`), taken in date order so they do not collide.
 */
export function compensatoryDays(
  holidays: readonly Holiday[],
  year: number,
  isDecided: (date: string) => boolean = () => false,
): Holiday[] {
  const { compensationSource } = rulesForYear(year);
  const taken = new Set(holidays.map((holiday) => holiday.date));
  const result: Holiday[] = [];
  const inDateOrder = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  for (const holiday of inDateOrder.filter((h) => isWeekend(toDayNumber(h.date)))) {
    let candidate = toDayNumber(holiday.date) + 1;
    while (
      isWeekend(candidate) ||
      taken.has(fromDayNumber(candidate)) ||
      isDecided(fromDayNumber(candidate))
    ) {
      candidate++;
    }
    const date = fromDayNumber(candidate);
    taken.add(date);
    result.push({
      date,
      name: compensatoryName(holiday.name),
      kind: 'COMPENSATORY',
      source: compensationSource,
      ...(holiday.holiday ? { holiday: holiday.holiday } : {}),
    });
  }
  return result;
}

/** The baseline of a year from the law alone (no notices): statutory days plus compensation, by date. */
export function statutoryHolidays(year: number): Holiday[] {
  const days = statutoryDays(year);
  const byDate = new Map(days.map((holiday) => [holiday.date, holiday]));
  for (const holiday of compensatoryDays([...byDate.values()], year)) byDate.set(holiday.date, holiday);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
