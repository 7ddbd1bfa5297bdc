import { monthsOf, reportPeriod } from '../../src/reports/report-period';
import { asOfFor, monthSplit } from '../../src/reports/report-scope';

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

describe('the split of a period at month boundaries', () => {
  const now = new Date('2026-11-27T03:00:00Z');
  const split = (from: string, to: string) => {
    const s = monthSplit(reportPeriod(from, to, now), now);
    return (
      s && [s.firstMonth, s.endMonth, s.head && [s.head.from, s.head.to], s.tail && [s.tail.from, s.tail.to]]
    );
  };

  it('keeps a month-aligned period whole, in full months', () => {
    expect(split('2025-01-01', '2025-12-31')).toEqual(['2025-01-01', '2026-01-01', null, null]);
    // Up to today or later: the running month counts as full (nothing happens after now).
    expect(split('2026-01-01', '2026-12-14')).toEqual(['2026-01-01', '2027-01-01', null, null]);
  });

  it('cuts the partial months at each edge off the full months', () => {
    expect(split('2025-01-15', '2025-12-14')).toEqual([
      '2025-02-01',
      '2025-12-01',
      ['2025-01-15', '2025-01-31'],
      ['2025-12-01', '2025-12-14'],
    ]);
    expect(split('2025-12-31', '2026-02-01')).toEqual([
      '2026-01-01',
      '2026-02-01',
      ['2025-12-31', '2025-12-31'],
      ['2026-02-01', '2026-02-01'],
    ]);
    expect(split('2026-01-15', '2026-02-14')).toEqual([
      '2026-02-01',
      '2026-02-01',
      ['2026-01-15', '2026-01-31'],
      ['2026-02-01', '2026-02-14'],
    ]);
    expect(split('2026-10-15', '2026-12-14')).toEqual([
      '2026-11-01',
      '2027-01-01',
      ['2026-10-15', '2026-10-31'],
      null,
    ]);
  });

  it('has no split for a period inside one month', () => {
    expect(split('2026-02-05', '2026-02-20')).toBeNull();
    expect(split('2026-02-01', '2026-02-20')).toEqual([
      '2026-02-01',
      '2026-02-01',
      null,
      ['2026-02-01', '2026-02-20'],
    ]);
  });
});
