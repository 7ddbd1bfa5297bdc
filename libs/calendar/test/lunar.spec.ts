import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from '../src/dates';
import { lunarNewYear, lunarToSolar, solarToLunar } from '../src/lunar';

const dayOfWeek = (date: string) =>
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()];

describe('Vietnamese lunar calendar', () => {
  // DOMAIN.md §6, reference dates for UTC+7.
  const reference: [number, string, string, string, string][] = [
    [2024, 'Sat', '2024-02-10', 'Thu', '2024-04-18'],
    [2025, 'Wed', '2025-01-29', 'Mon', '2025-04-07'],
    [2026, 'Tue', '2026-02-17', 'Sun', '2026-04-26'],
    [2027, 'Sat', '2027-02-06', 'Fri', '2027-04-16'],
    [2028, 'Wed', '2028-01-26', 'Tue', '2028-04-04'],
    [2029, 'Tue', '2029-02-13', 'Mon', '2029-04-23'],
    [2030, 'Sat', '2030-02-02', 'Fri', '2030-04-12'],
  ];

  it.each(reference)('%i: Tết on %s %s, Hùng Kings on %s %s', (year, tetWeekday, tet, hungWeekday, hung) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(dayOfWeek(tet)).toBe(tetWeekday);
    expect(lunarToSolar(10, 3, year)).toBe(hung);
    expect(dayOfWeek(hung)).toBe(hungWeekday);
    expect(solarToLunar(tet)).toEqual({ day: 1, month: 1, year, leap: false });
    expect(solarToLunar(hung)).toEqual({ day: 10, month: 3, year, leap: false });
  });

  it('puts Tết 2030 on 2 February (UTC+7), not on 3 February as the Chinese calendar does', () => {
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    expect(solarToLunar('2030-02-03')).toEqual({ day: 2, month: 1, year: 2030, leap: false });
    expect(solarToLunar('2030-02-01')).toMatchObject({ month: 12, year: 2029, leap: false });
  });

  it.each([
    ['1968-01-29', 1968], // North Vietnam's first Tết on UTC+7 (China: 30 January)
    ['1985-01-21', 1985], // China: 20 February
    ['2007-02-17', 2007], // China: 18 February
  ])('keeps the known UTC+7 divergence: Tết %s', (date, year) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it.each([
    ['2020-05-23', 4, 2020],
    ['2023-03-22', 2, 2023],
    ['2025-07-25', 6, 2025],
  ])('starts a leap month on %s (leap month %i of %i)', (date, month, year) => {
    expect(solarToLunar(date)).toEqual({ day: 1, month, year, leap: true });
    expect(lunarToSolar(1, month, year, true)).toBe(date);
    expect(solarToLunar(addDays(date, -1))).toMatchObject({ month, year, leap: false });
  });

  it('assigns the lunar months 11 and 12 to the lunar year that began before them', () => {
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2024-12-31')).toEqual({ day: 1, month: 12, year: 2024, leap: false });
    expect(lunarToSolar(1, 11, 2024)).toBe('2024-12-01');
    expect(lunarToSolar(1, 12, 2024)).toBe('2024-12-31');
  });

  it.each([
    ['2054-05-07', 3, 2054],
    ['2062-04-09', 2, 2062],
  ])('gets the 30th day right where a late new moon tripped the published code: %s', (date, month, year) => {
    expect(solarToLunar(date)).toEqual({ day: 30, month, year, leap: false });
    expect(lunarToSolar(30, month, year)).toBe(date);
  });

  it('converts the first and last day of every lunar month from 1900 to 2100 both ways', () => {
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        for (const leap of [false, true]) {
          let first: string;
          try {
            first = lunarToSolar(1, month, year, leap);
          } catch {
            if (leap) continue; // not this year's leap month
            throw new Error(`no month ${month}/${year}`);
          }
          expect(solarToLunar(first)).toEqual({ day: 1, month, year, leap });
          const lastOfPrevious = addDays(first, -1);
          const previous = solarToLunar(lastOfPrevious);
          expect([29, 30]).toContain(previous.day);
          expect(lunarToSolar(previous.day, previous.month, previous.year, previous.leap)).toBe(
            lastOfPrevious,
          );
        }
      }
    }
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(RangeError); // 2025's leap month is 6
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError); // Chạp of Giáp Thìn has 29 days
    expect(() => lunarToSolar(0, 1, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1.5, 1, 2025)).toThrow(RangeError);
  });

  it('rejects malformed solar dates', () => {
    for (const bad of ['2025-02-29', '2025-2-1', '20250201', '2025-13-01', '']) {
      expect(() => solarToLunar(bad)).toThrow(RangeError);
    }
  });

  it('covers every year from 1900 to 2100 without throwing, Tết between 20 January and 20 February', () => {
    for (let year = 1900; year <= 2100; year++) {
      const tet = lunarNewYear(year);
      expect(tet >= `${year}-01-20` && tet <= `${year}-02-20`).toBe(true);
      expect(() => lunarToSolar(10, 3, year)).not.toThrow();
    }
  });

  describe('properties', () => {
    const first = toDayNumber('1900-01-01');
    const last = toDayNumber('2100-12-31');
    const solarDate = fc.integer({ min: first, max: last }).map(fromDayNumber);

    it('round-trips: lunarToSolar(solarToLunar(d)) === d for dates 1900–2100', () => {
      fc.assert(
        fc.property(solarDate, (date) => {
          const { day, month, year, leap } = solarToLunar(date);
          expect(lunarToSolar(day, month, year, leap)).toBe(date);
        }),
        { numRuns: 2000 },
      );
    });

    it('advances one lunar day per solar day; months have 29 or 30 days', () => {
      fc.assert(
        fc.property(solarDate, (date) => {
          const today = solarToLunar(date);
          const tomorrow = solarToLunar(addDays(date, 1));
          expect(today.day).toBeGreaterThanOrEqual(1);
          expect(today.day).toBeLessThanOrEqual(30);
          if (tomorrow.day !== 1) {
            expect(tomorrow).toEqual({ ...today, day: today.day + 1 });
          } else {
            expect(today.day === 29 || today.day === 30).toBe(true);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
