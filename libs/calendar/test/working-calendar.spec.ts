import type { OfficeHours } from '../src/office-hours';
import { vietnamDateOf, vietnamInstant } from '../src/vietnam-time';
import { WorkingCalendar } from '../src/working-calendar';

const calendar = new WorkingCalendar();
const at = vietnamInstant;

describe('WorkingCalendar: working days', () => {
  it.each([
    // Tết 2024 (notice: 08/02–14/02)
    ['2024-02-07', true],
    ['2024-02-08', false],
    ['2024-02-14', false],
    ['2024-02-15', true], // the fallback would have compensated here
    // 30/4–1/5/2024: Monday 29/4 off, Saturday 4/5 worked
    ['2024-04-29', false],
    ['2024-05-01', false],
    ['2024-05-04', true],
    // National Day 2024: 2/9 (Mon) + 3/9 (Tue)
    ['2024-09-03', false],
    ['2024-09-04', true],
    // Tết 2025 (notice: 25/01–02/02)
    ['2025-01-24', true],
    ['2025-01-27', false],
    ['2025-01-31', false],
    ['2025-02-03', true],
    // Hùng Kings 2025 (Monday 7/4), 30/4–1/5/2025 with 2/5 ↔ 26/4
    ['2025-04-07', false],
    ['2025-04-26', true],
    ['2025-04-30', false],
    ['2025-05-02', false],
    ['2025-05-05', true],
    // National Day 2025: 1/9 + 2/9
    ['2025-09-01', false],
    ['2025-09-03', true],
    // 2026: New Year swap 2/1 ↔ 10/1, Tết 14/02–22/02, Hùng Kings compensated 27/4
    ['2026-01-02', false],
    ['2026-01-10', true],
    ['2026-02-13', true],
    ['2026-02-16', false],
    ['2026-02-20', false],
    ['2026-02-23', true],
    ['2026-04-27', false],
    ['2026-04-28', true],
    // ordinary days
    ['2025-03-08', false], // Saturday
    ['2025-03-09', false], // Sunday
    ['2025-03-10', true],
  ])('%s is a working day: %s', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('finds the next working day strictly after a date', () => {
    expect(calendar.nextWorkingDay('2025-01-24')).toBe('2025-02-03');
    expect(calendar.nextWorkingDay('2025-04-25')).toBe('2025-04-26'); // swapped Saturday
    expect(calendar.nextWorkingDay('2025-03-10')).toBe('2025-03-11');
  });

  it('adds working days forwards and backwards, not counting the start', () => {
    expect(calendar.addWorkingDays('2025-01-23', 2)).toBe('2025-02-03');
    expect(calendar.addWorkingDays('2025-01-25', 1)).toBe('2025-02-03'); // start inside Tết
    expect(calendar.addWorkingDays('2025-04-29', 2)).toBe('2025-05-06');
    expect(calendar.addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
    expect(calendar.addWorkingDays('2025-03-08', 0)).toBe('2025-03-08');
    expect(() => calendar.addWorkingDays('2025-03-10', 1.5)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.dueForWorkingDays', () => {
  it.each([
    // [received (Vietnam time), days, due (Vietnam time)]
    ['2025-03-10', '09:00', 1, '2025-03-11'], // Monday → Tuesday close
    ['2025-03-07', '16:30', 1, '2025-03-10'], // Friday → Monday
    ['2025-03-08', '09:00', 1, '2025-03-10'], // received Saturday: Monday is day 1
    ['2025-03-10', '09:00', 0, '2025-03-10'], // same day
    ['2025-03-08', '09:00', 0, '2025-03-10'], // same day, received on a non-working day
    ['2025-01-23', '10:00', 2, '2025-02-03'], // across Tết 2025
    ['2025-01-24', '10:00', 3, '2025-02-05'],
    ['2025-01-26', '10:00', 1, '2025-02-03'], // received during Tết
    ['2025-04-25', '15:00', 1, '2025-04-26'], // the swapped Saturday counts
    ['2025-04-29', '08:00', 2, '2025-05-06'], // 30/4, 1/5, 2/5 and the weekend skipped
    ['2026-04-24', '16:30', 1, '2026-04-28'], // weekend + compensatory Monday 27/4
    ['2026-02-12', '09:00', 15, '2026-03-12'], // 15 days across Tết 2026
  ])('received %s %s with %i working days → due %s 17:00', (date, time, days, due) => {
    expect(calendar.dueForWorkingDays(at(date, time), days)).toEqual(at(due, '17:00'));
  });

  it('works in Vietnam time whatever the instant’s UTC date', () => {
    // Sunday 23:30 UTC is Monday 06:30 in Vietnam.
    const due = calendar.dueForWorkingDays(new Date('2025-03-09T23:30:00Z'), 1);
    expect(due.toISOString()).toBe('2025-03-11T10:00:00.000Z');
  });

  it('closes at the end of the agency’s own office hours', () => {
    const hours: OfficeHours = [
      ['08:00', '12:00'],
      ['13:30', '17:30'],
    ];
    expect(calendar.dueForWorkingDays(at('2025-03-10', '09:00'), 1, hours)).toEqual(
      at('2025-03-11', '17:30'),
    );
  });

  describe('with a cut-off (option)', () => {
    const cutoff = { cutoff: '15:00' };
    it.each([
      ['2025-03-10', '14:59', 0, '2025-03-10'],
      ['2025-03-10', '15:00', 0, '2025-03-10'], // at the cut-off is not after it
      ['2025-03-10', '15:01', 0, '2025-03-11'],
      ['2025-03-10', '15:30', 1, '2025-03-12'],
      ['2025-03-07', '16:00', 1, '2025-03-11'], // Friday late → received Monday → Tuesday
      ['2025-03-08', '09:00', 1, '2025-03-11'], // Saturday → received Monday → Tuesday
      ['2025-01-24', '16:00', 1, '2025-02-04'], // Friday before Tết, late
    ])('received %s %s with %i days → due %s', (date, time, days, due) => {
      expect(calendar.dueForWorkingDays(at(date, time), days, undefined, cutoff)).toEqual(at(due, '17:00'));
    });
  });

  it('rejects negative or fractional day counts and bad office hours', () => {
    expect(() => calendar.dueForWorkingDays(at('2025-03-10', '09:00'), -1)).toThrow(RangeError);
    expect(() => calendar.dueForWorkingDays(at('2025-03-10', '09:00'), 1.5)).toThrow(RangeError);
    expect(() => calendar.dueForWorkingDays(at('2025-03-10', '09:00'), 1, [])).toThrow(RangeError);
    expect(() =>
      calendar.dueForWorkingDays(at('2025-03-10', '09:00'), 1, [
        ['13:00', '17:00'],
        ['07:30', '11:30'],
      ]),
    ).toThrow(RangeError);
    expect(() => calendar.dueForWorkingDays(at('2025-03-10', '09:00'), 1, [['7:30', '11:30']])).toThrow(
      RangeError,
    );
    expect(() => calendar.dueForWorkingDays(new Date(NaN), 1)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.dueForWorkingHours', () => {
  it.each([
    // [start date, time, hours, due date, time]
    ['2025-03-07', '16:00', 8, '2025-03-10', '16:00'], // Friday 16:00 + 8 h → Monday 16:00
    ['2025-03-10', '07:30', 8, '2025-03-10', '17:00'], // a full day ends at close, not next morning
    ['2025-03-10', '10:00', 2, '2025-03-10', '13:30'], // across the lunch break
    ['2025-03-10', '12:00', 1, '2025-03-10', '14:00'], // starting in the lunch break
    ['2025-03-10', '05:00', 1, '2025-03-10', '08:30'], // before opening
    ['2025-03-10', '20:00', 1, '2025-03-11', '08:30'], // at night
    ['2025-03-08', '10:00', 1, '2025-03-10', '08:30'], // on a Saturday
    ['2025-03-10', '11:15', 0.5, '2025-03-10', '13:15'],
    ['2025-01-24', '16:00', 8, '2025-02-03', '16:00'], // across Tết 2025
    ['2025-04-25', '16:00', 8, '2025-04-26', '16:00'], // the swapped Saturday is worked
    ['2025-04-29', '16:00', 8, '2025-05-05', '16:00'], // across 30/4–4/5
    ['2025-03-10', '09:00', 40, '2025-03-17', '09:00'], // a working week
  ])('%s %s + %d working hours → %s %s', (date, time, hours, dueDate, dueTime) => {
    expect(calendar.dueForWorkingHours(at(date, time), hours)).toEqual(at(dueDate, dueTime));
  });

  it('returns the start itself for 0 hours and rejects negative hours', () => {
    const start = at('2025-03-08', '10:00');
    expect(calendar.dueForWorkingHours(start, 0)).toEqual(start);
    expect(() => calendar.dueForWorkingHours(start, -1)).toThrow(RangeError);
    expect(() => calendar.dueForWorkingHours(start, Infinity)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.workingMinutesBetween', () => {
  it.each([
    ['2025-03-10', '07:30', '2025-03-10', '17:00', 480],
    ['2025-03-10', '11:00', '2025-03-10', '13:30', 60], // lunch break not counted
    ['2025-03-10', '18:00', '2025-03-11', '07:30', 0], // night
    ['2025-03-07', '16:00', '2025-03-10', '16:00', 480], // weekend not counted
    ['2025-03-08', '00:00', '2025-03-10', '00:00', 0], // a weekend alone
    ['2025-01-24', '00:00', '2025-02-03', '00:00', 480], // only Friday before Tết counts
    ['2025-04-26', '00:00', '2025-04-27', '00:00', 480], // the swapped Saturday counts
    ['2025-04-30', '00:00', '2025-05-05', '00:00', 0], // 30/4–4/5/2025
  ])('%s %s → %s %s: %i minutes', (fromDate, fromTime, toDate, toTime, minutes) => {
    expect(calendar.workingMinutesBetween(at(fromDate, fromTime), at(toDate, toTime))).toBe(minutes);
  });

  it('is 0 when `to` is not after `from`', () => {
    expect(calendar.workingMinutesBetween(at('2025-03-10', '10:00'), at('2025-03-10', '09:00'))).toBe(0);
  });

  it('sums an SLA clock over active segments, leaving out a pause', () => {
    const segments: [Date, Date][] = [
      [at('2025-03-10', '08:00'), at('2025-03-10', '10:00')], // 120
      // paused Monday 10:00 → Wednesday 14:00 (supplement requested)
      [at('2025-03-12', '14:00'), at('2025-03-13', '09:00')], // 180 + 90
    ];
    const total = segments.reduce((sum, [from, to]) => sum + calendar.workingMinutesBetween(from, to), 0);
    expect(total).toBe(390);
  });

  it('uses the agency’s office hours, given per call or at construction', () => {
    const morningsOnly: OfficeHours = [['07:30', '11:30']];
    const from = at('2025-03-10', '07:00');
    const to = at('2025-03-10', '18:00');
    expect(calendar.workingMinutesBetween(from, to, morningsOnly)).toBe(240);
    expect(new WorkingCalendar({ officeHours: morningsOnly }).workingMinutesBetween(from, to)).toBe(240);
  });
});

describe('Vietnam time helpers', () => {
  it('converts between instants and Vietnam wall-clock dates', () => {
    expect(at('2025-03-10', '17:00').toISOString()).toBe('2025-03-10T10:00:00.000Z');
    expect(vietnamDateOf(new Date('2025-03-09T17:00:00Z'))).toBe('2025-03-10');
    expect(vietnamDateOf(new Date('2025-03-09T16:59:59Z'))).toBe('2025-03-09');
  });
});
