import fc from 'fast-check';
import { fromDayNumber, isWeekend, MS_PER_DAY, toDayNumber } from '../src/dates';
import { DEFAULT_OFFICE_HOURS } from '../src/office-hours';
import { msIntoVietnamDay, vietnamDateOf, vietnamInstant } from '../src/vietnam-time';
import { WorkingCalendar } from '../src/working-calendar';

const calendar = new WorkingCalendar();
const RUNS = { numRuns: 500 };
// Spans of up to six years: each call walks every day in between.
const SPAN_RUNS = { numRuns: 200 };

// 2023–2028: the years with notice data plus fallback years on both sides.
const firstDay = toDayNumber('2023-01-01');
const lastDay = toDayNumber('2028-12-31');
const date = fc.integer({ min: firstDay, max: lastDay }).map(fromDayNumber);
const firstMinute = vietnamInstant('2023-01-01').getTime() / 60_000;
const lastMinute = vietnamInstant('2028-12-31').getTime() / 60_000;
const instant = fc.integer({ min: firstMinute, max: lastMinute }).map((minute) => new Date(minute * 60_000));
const workingHours = fc.integer({ min: 0, max: 400 * 60 }).map((minutes) => minutes / 60);
const cutoff = fc.constantFrom(undefined, '11:30', '15:00', '16:30');

/** True when the instant falls inside (or at the end of) default office hours on a working day. */
function inOfficeHours(at: Date): boolean {
  const minute = msIntoVietnamDay(at) / 60_000;
  const inside = (minute > 450 && minute <= 690) || (minute > 780 && minute <= 1020);
  return inside && calendar.isWorkingDay(vietnamDateOf(at));
}

describe('WorkingCalendar properties', () => {
  it('addWorkingDays(d, n ≥ 1) is a working day strictly after d, and n working days back returns to a working d', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 120 }), (start, n) => {
        const result = calendar.addWorkingDays(start, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result > start).toBe(true);
        if (calendar.isWorkingDay(start)) expect(calendar.addWorkingDays(result, -n)).toBe(start);
      }),
      RUNS,
    );
  });

  it('nextWorkingDay(d) is the first working day after d', () => {
    fc.assert(
      fc.property(date, (start) => {
        const next = calendar.nextWorkingDay(start);
        expect(calendar.isWorkingDay(next)).toBe(true);
        for (let day = toDayNumber(start) + 1; day < toDayNumber(next); day++) {
          expect(calendar.isWorkingDay(fromDayNumber(day))).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('dueForWorkingDays is monotonic in days and in receivedAt, and lands at close of a working day', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        cutoff,
        (t1, t2, d1, d2, cut) => {
          const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const [fewer, more] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const due = (at: Date, days: number) =>
            calendar.dueForWorkingDays(at, days, undefined, { cutoff: cut });
          expect(due(early, fewer).getTime()).toBeLessThanOrEqual(due(early, more).getTime());
          expect(due(early, fewer).getTime()).toBeLessThanOrEqual(due(late, fewer).getTime());
          const result = due(early, more);
          expect(calendar.isWorkingDay(vietnamDateOf(result))).toBe(true);
          expect(msIntoVietnamDay(result)).toBe(17 * 3_600_000);
          if (more >= 1) expect(vietnamDateOf(result) > vietnamDateOf(early)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('workingMinutesBetween is additive: a..b + b..c = a..c', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        const sum = calendar.workingMinutesBetween(a, b) + calendar.workingMinutesBetween(b, c);
        expect(sum).toBe(calendar.workingMinutesBetween(a, c));
      }),
      SPAN_RUNS,
    );
  });

  it('stays additive with second- and millisecond-precise instants (up to float rounding)', () => {
    const preciseInstant = fc
      .integer({ min: firstMinute * 60_000, max: lastMinute * 60_000 })
      .map((ms) => new Date(ms));
    fc.assert(
      fc.property(preciseInstant, preciseInstant, preciseInstant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        const sum = calendar.workingMinutesBetween(a, b) + calendar.workingMinutesBetween(b, c);
        expect(sum).toBeCloseTo(calendar.workingMinutesBetween(a, c), 6);
      }),
      SPAN_RUNS,
    );
  });

  it('counts exactly hours × 60 minutes from start to dueForWorkingHours(start, hours)', () => {
    fc.assert(
      fc.property(instant, workingHours, (start, hours) => {
        const due = calendar.dueForWorkingHours(start, hours);
        expect(calendar.workingMinutesBetween(start, due)).toBe(Math.round(hours * 60));
        if (hours > 0) expect(inOfficeHours(due)).toBe(true);
      }),
      RUNS,
    );
  });

  it('counts hours × 60 minutes when the start is inside office hours (the confirmation clock case)', () => {
    const inOffice = instant.filter(inOfficeHours);
    fc.assert(
      fc.property(inOffice, fc.integer({ min: 1, max: 80 }), (start, hours) => {
        expect(calendar.workingMinutesBetween(start, calendar.dueForWorkingHours(start, hours))).toBe(
          hours * 60,
        );
      }),
      RUNS,
    );
  });

  it('never counts weekends or holidays, and counts a full working day as 8 hours', () => {
    fc.assert(
      fc.property(date, (day) => {
        const midnight = vietnamInstant(day);
        const nextMidnight = new Date(midnight.getTime() + MS_PER_DAY);
        const minutes = calendar.workingMinutesBetween(midnight, nextMidnight, DEFAULT_OFFICE_HOURS);
        expect(minutes).toBe(calendar.isWorkingDay(day) ? 480 : 0);
        const swapped = calendar.makeUpWorkdays(Number(day.slice(0, 4))).some((w) => w.date === day);
        if (isWeekend(toDayNumber(day)) && !swapped) expect(minutes).toBe(0);
        if (calendar.holidays(Number(day.slice(0, 4))).some((h) => h.date === day)) expect(minutes).toBe(0);
      }),
      RUNS,
    );
  });
});
