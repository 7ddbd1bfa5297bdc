import { monthsOf, reportPeriod } from './report-period';
import { asOfFor } from './report-scope';

describe('report period', () => {
  it('bounds a period by Vietnam midnight, end exclusive', () => {
    const period = reportPeriod('2026-01-01', '2026-01-31', new Date('2026-11-27T00:00:00Z'));
    expect(period.start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-01-31T17:00:00.000Z');
  });

  it('defaults to the year so far', () => {
    const period = reportPeriod(undefined, undefined, new Date('2026-11-27T18:00:00Z'));
    expect(period.from).toBe('2026-01-01');
    expect(period.to).toBe('2026-11-28');
  });

  it('splits into calendar months clipped to the period', () => {
    const months = monthsOf(reportPeriod('2026-01-15', '2026-03-10', new Date()));
    expect(months.map((m) => [m.from, m.to])).toEqual([
      ['2026-01-15', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-10'],
    ]);
  });
});

describe('the instant a period is judged at', () => {
  const period = reportPeriod('2026-02-01', '2026-02-28', new Date());

  it('is the period end for a closed period', () => {
    expect(asOfFor(period, new Date('2026-11-27T00:00:00Z')).toISOString()).toBe('2026-02-28T17:00:00.000Z');
  });

  it('is now for a period still running, and its start for one not begun', () => {
    expect(asOfFor(period, new Date('2026-02-10T03:00:00Z')).toISOString()).toBe('2026-02-10T03:00:00.000Z');
    expect(asOfFor(period, new Date('2026-01-10T03:00:00Z')).toISOString()).toBe('2026-01-31T17:00:00.000Z');
  });
});
