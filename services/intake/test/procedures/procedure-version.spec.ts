import {
  foldForSearch,
  isInForce,
  matchesSearch,
  versionInForce,
  versionPeriodProblems,
} from '../../src/procedures/procedure-version';

describe('procedure versions', () => {
  const v2021 = { effectiveFrom: '2021-01-04', effectiveTo: '2025-06-30', id: 'v2021' };
  const v2025 = { effectiveFrom: '2025-07-01', effectiveTo: null, id: 'v2025' };

  it('picks the version in force on each side of the effective date', () => {
    expect(versionInForce([v2021, v2025], '2025-06-30')?.id).toBe('v2021');
    expect(versionInForce([v2021, v2025], '2025-07-01')?.id).toBe('v2025');
    expect(versionInForce([v2025, v2021], '2030-01-01')?.id).toBe('v2025');
  });

  it('has no version before the first one or in a gap', () => {
    expect(versionInForce([v2021, v2025], '2021-01-03')).toBeUndefined();
    const gap = [
      { effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31' },
      { effectiveFrom: '2022-01-01', effectiveTo: null },
    ];
    expect(versionInForce(gap, '2021-06-01')).toBeUndefined();
    expect(versionInForce([], '2025-01-01')).toBeUndefined();
  });

  it('treats both ends of a period as in force', () => {
    expect(isInForce(v2021, '2021-01-04')).toBe(true);
    expect(isInForce(v2021, '2025-06-30')).toBe(true);
    expect(isInForce(v2021, '2025-07-01')).toBe(false);
  });

  it('lets the later act win should periods overlap', () => {
    const open = { effectiveFrom: '2021-01-04', effectiveTo: null, id: 'open' };
    expect(versionInForce([open, v2025], '2025-08-01')?.id).toBe('v2025');
    expect(versionInForce([open, v2025], '2024-08-01')?.id).toBe('open');
  });

  it('reports overlapping and inverted periods', () => {
    expect(versionPeriodProblems([v2025, v2021])).toEqual([]);
    expect(versionPeriodProblems([{ ...v2021, effectiveTo: null }, v2025])).toEqual([
      'version from 2021-01-04 overlaps the one from 2025-07-01',
    ]);
    expect(versionPeriodProblems([{ ...v2021, effectiveTo: '2025-07-01' }, v2025])).toHaveLength(1);
    expect(versionPeriodProblems([{ effectiveFrom: '2025-07-01', effectiveTo: '2025-06-30' }])).toEqual([
      'version from 2025-07-01 ends before it starts',
    ]);
  });
});

describe('catalogue search', () => {
  it('ignores diacritics, đ and case', () => {
    expect(foldForSearch('Đăng ký  KHAI SINH')).toBe('dang ky khai sinh');
    expect(matchesSearch('Đăng ký khai sinh', 'dang ky khai sinh')).toBe(true);
    expect(matchesSearch('Đăng ký khai sinh', 'ĐĂNG KÝ')).toBe(true);
  });

  it('works on decomposed (NFD) input too', () => {
    expect(matchesSearch('Chứng thực bản sao từ bản chính', 'chứng thực'.normalize('NFD'))).toBe(true);
  });

  it('needs every word, in any order', () => {
    expect(matchesSearch('Đăng ký kết hôn', 'kết đăng')).toBe(true);
    expect(matchesSearch('Đăng ký kết hôn', 'khai sinh')).toBe(false);
    expect(matchesSearch('Đăng ký kết hôn', '   ')).toBe(true);
  });
});
