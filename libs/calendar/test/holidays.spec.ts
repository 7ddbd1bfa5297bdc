import { BUILT_IN_HOLIDAY_OVERRIDES } from '../src/data/holiday-overrides';
import { defaultNationalDayAdjacent, defaultTetDays, statutoryHolidays, type Holiday } from '../src/holidays';
import { validateOverride, type HolidayOverride } from '../src/overrides';
import { WorkingCalendar } from '../src/working-calendar';

const datesOf = (holidays: Holiday[], kind?: Holiday['kind']) =>
  holidays.filter((holiday) => kind === undefined || holiday.kind === kind).map((holiday) => holiday.date);

const notice = (row: Partial<HolidayOverride> & Pick<HolidayOverride, 'from' | 'type'>): HolidayOverride => ({
  source: 'Thông báo thử nghiệm',
  effectiveFrom: '2026-06-01',
  confirmed: true,
  ...row,
});

describe('statutory baseline (no notices)', () => {
  it('gives 1/1, Tết (5 days), Hùng Kings, 30/4, 1/5 and 2/9 plus an adjacent day, with compensation', () => {
    // 2027: Tết Sat 6/2 → fallback 5/2–9/2, weekend days compensated 10/2 and 11/2; 1/5 Sat → 3/5.
    const holidays = statutoryHolidays(2027);
    expect(datesOf(holidays, 'HOLIDAY')).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-09-02',
      '2027-09-03',
    ]);
    expect(datesOf(holidays, 'COMPENSATORY')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
    expect(holidays.find((h) => h.date === '2027-05-03')).toMatchObject({
      holiday: 'LABOUR_DAY',
      name: { vi: 'Nghỉ bù Ngày Quốc tế lao động', en: 'Compensatory day off for International Labour Day' },
      source: expect.stringContaining('Điều 111 khoản 3'),
    });
  });

  it('falls back for Tết to the last day of the lunar year and the first four of the new one', () => {
    expect(defaultTetDays(2025)).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
    ]);
    expect(defaultTetDays(2030)).toEqual([
      '2030-02-01',
      '2030-02-02',
      '2030-02-03',
      '2030-02-04',
      '2030-02-05',
    ]);
  });

  it('marks the defaulted days in their source', () => {
    const tet = statutoryHolidays(2028).filter((h) => h.holiday === 'TET' && h.kind === 'HOLIDAY');
    expect(tet).toHaveLength(5);
    for (const day of tet) expect(day.source).toContain('quy tắc mặc định');
  });

  it.each([
    [2021, '2021-09-03'], // 2/9 Thursday → Friday 3/9
    [2022, '2022-09-01'], // Friday → Thursday 1/9
    [2023, '2023-09-01'], // Saturday → Friday 1/9
    [2024, '2024-09-03'], // Monday → Tuesday 3/9
    [2025, '2025-09-01'], // Tuesday → Monday 1/9
    [2026, '2026-09-01'], // Wednesday → 1/9
    [2029, '2029-09-03'], // Sunday → Monday 3/9
  ])('picks the default day next to National Day %i: %s (matches the notices of 2021–2026)', (year, date) => {
    expect(defaultNationalDayAdjacent(year)).toBe(date);
  });

  it('compensates stacked weekend holidays on successive free weekdays', () => {
    // 2022: 30/4 Sat, 1/5 Sun → Mon 2/5 and Tue 3/5.
    expect(datesOf(statutoryHolidays(2022), 'COMPENSATORY')).toEqual(
      expect.arrayContaining(['2022-05-02', '2022-05-03']),
    );
    // 2023: Hùng Kings Sat 29/4, 30/4 Sun, 1/5 Mon (a holiday itself) → Tue 2/5 and Wed 3/5; 2/9 Sat → Mon 4/9.
    const compensatory2023 = datesOf(statutoryHolidays(2023), 'COMPENSATORY');
    expect(compensatory2023).toEqual(expect.arrayContaining(['2023-05-02', '2023-05-03', '2023-09-04']));
    expect(compensatory2023).not.toContain('2023-05-01');
  });

  it('compensates Hùng Kings day 2026 (Sunday 26/4) on Monday 27/4', () => {
    expect(statutoryHolidays(2026).find((h) => h.date === '2026-04-27')).toMatchObject({
      kind: 'COMPENSATORY',
      holiday: 'HUNG_KINGS',
    });
  });

  it('applies the Labour Code in force: one National Day before 2021', () => {
    const nationalDay2020 = statutoryHolidays(2020).filter((h) => h.holiday === 'NATIONAL_DAY');
    expect(datesOf(nationalDay2020)).toEqual(['2020-09-02']);
    expect(nationalDay2020[0].source).toContain('Bộ luật Lao động 2012');
  });
});

describe('built-in notice data', () => {
  it('is valid, sourced and dated', () => {
    for (const row of BUILT_IN_HOLIDAY_OVERRIDES) {
      expect(() => validateOverride(row)).not.toThrow();
      expect(row.effectiveFrom < row.from).toBe(true);
    }
  });

  it('gives the 2025 Tết days of the notice instead of the fallback', () => {
    const tet = new WorkingCalendar().holidays(2025).filter((h) => h.holiday === 'TET');
    expect(datesOf(tet)).toEqual([
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ]);
    expect(tet.every((h) => h.kind === 'HOLIDAY' && h.source.includes('8726/VPCP-KGVX'))).toBe(true);
  });

  it('lists the swapped Saturdays as make-up workdays', () => {
    const calendar = new WorkingCalendar();
    expect(calendar.makeUpWorkdays(2024).map((w) => w.date)).toEqual(['2024-05-04']);
    expect(calendar.makeUpWorkdays(2025).map((w) => w.date)).toEqual(['2025-04-26']);
    expect(calendar.makeUpWorkdays(2026).map((w) => w.date)).toEqual(['2026-01-10', '2026-08-22']);
  });
});

describe('overrides at construction', () => {
  it('replaces a holiday computed by default with the notice rows tagged with it', () => {
    const calendar = new WorkingCalendar({
      overrides: [notice({ from: '2027-02-04', to: '2027-02-10', type: 'HOLIDAY', holiday: 'TET' })],
    });
    const tet = calendar.holidays(2027).filter((h) => h.holiday === 'TET');
    expect(datesOf(tet)).toEqual([
      '2027-02-04',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    expect(calendar.isWorkingDay('2027-02-11')).toBe(true); // the fallback's compensatory day is gone
    expect(calendar.isWorkingDay('2027-02-04')).toBe(false);
  });

  it('uses only the latest notice for a holiday and year', () => {
    const calendar = new WorkingCalendar({
      overrides: [
        notice({
          from: '2027-02-03',
          to: '2027-02-09',
          type: 'HOLIDAY',
          holiday: 'TET',
          effectiveFrom: '2026-10-01',
        }),
        notice({
          from: '2027-02-05',
          to: '2027-02-11',
          type: 'HOLIDAY',
          holiday: 'TET',
          effectiveFrom: '2026-11-01',
        }),
      ],
    });
    expect(calendar.isWorkingDay('2027-02-03')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-11')).toBe(false);
  });

  it('lets a later notice cancel a swap, and a caller row win a tie with a built-in row', () => {
    const cancelled = new WorkingCalendar({
      overrides: [notice({ from: '2025-05-02', type: 'WORKDAY', effectiveFrom: '2025-03-01' })],
    });
    expect(cancelled.isWorkingDay('2025-05-02')).toBe(true);
    const tie = new WorkingCalendar({
      overrides: [notice({ from: '2025-04-26', type: 'HOLIDAY', effectiveFrom: '2024-11-26' })],
    });
    expect(tie.isWorkingDay('2025-04-26')).toBe(false);
  });

  it('adds an extra day off with a default name and the given kind', () => {
    const calendar = new WorkingCalendar({
      overrides: [
        notice({
          from: '2027-11-24',
          type: 'HOLIDAY',
          name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnam Culture Day' },
        }),
      ],
    });
    expect(calendar.holidays(2027).find((h) => h.date === '2027-11-24')).toEqual({
      date: '2027-11-24',
      name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnam Culture Day' },
      kind: 'HOLIDAY',
      source: 'Thông báo thử nghiệm',
    });
    expect(calendar.isWorkingDay('2027-11-24')).toBe(false);
  });

  it('can ignore the built-in data, falling back to the computed baseline', () => {
    const calendar = new WorkingCalendar({ includeBuiltInOverrides: false });
    expect(calendar.holidays(2025)).toEqual(statutoryHolidays(2025));
    expect(calendar.isWorkingDay('2025-01-27')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-03')).toBe(false); // fallback: Sat 1/2 compensated on Mon 3/2
  });

  it('can show the calendar as known on a date (asOf): notices issued later are ignored', () => {
    const before = new WorkingCalendar({ asOf: '2024-11-25' });
    expect(before.isWorkingDay('2025-01-27')).toBe(true);
    expect(before.isWorkingDay('2025-05-02')).toBe(true);
    expect(before.isWorkingDay('2024-01-02')).toBe(true);
    expect(before.isWorkingDay('2024-02-08')).toBe(false); // the 2024 notice was already out
    const after = new WorkingCalendar({ asOf: '2024-11-26' });
    expect(after.isWorkingDay('2025-01-27')).toBe(false);
  });

  it.each<[string, HolidayOverride]>([
    ['to before from', notice({ from: '2027-02-05', to: '2027-02-04', type: 'HOLIDAY' })],
    ['spanning two years', notice({ from: '2027-12-31', to: '2028-01-01', type: 'HOLIDAY' })],
    ['an impossible date', notice({ from: '2027-02-30', type: 'HOLIDAY' })],
    ['a bad effectiveFrom', notice({ from: '2027-02-03', type: 'HOLIDAY', effectiveFrom: '01/02/2027' })],
    ['an empty source', notice({ from: '2027-02-03', type: 'HOLIDAY', source: ' ' })],
    ['a kind on a WORKDAY row', notice({ from: '2027-02-06', type: 'WORKDAY', kind: 'COMPENSATORY' })],
    ['an unknown type', notice({ from: '2027-02-06', type: 'OFF' as HolidayOverride['type'] })],
    [
      'an unknown holiday',
      notice({ from: '2027-02-06', type: 'HOLIDAY', holiday: 'XMAS' as HolidayOverride['holiday'] }),
    ],
  ])('rejects a row with %s', (_reason, row) => {
    expect(() => new WorkingCalendar({ overrides: [row] })).toThrow(RangeError);
  });
});
