import { agencyCovers, agencyLevel, agencySubtreeLikePattern, isAgencyCode } from '../src/agency-scope';

describe('agency scope (QCVN 102:2016 codes)', () => {
  it.each([
    ['000.00.00.H49', 1],
    ['000.00.12.H49', 2],
    ['000.05.12.H49', 3],
    ['001.05.12.H49', 4],
  ])('%s is a level-%i agency', (code, level) => {
    expect(agencyLevel(code)).toBe(level);
  });

  it('a province covers its departments and their units, not another province', () => {
    expect(agencyCovers('000.00.00.H49', '000.00.12.H49')).toBe(true);
    expect(agencyCovers('000.00.00.H49', '001.05.12.H49')).toBe(true);
    expect(agencyCovers('000.00.00.H49', '000.00.12.H38')).toBe(false);
  });

  it('a department covers itself and its sub-units, not its parent or siblings', () => {
    expect(agencyCovers('000.00.12.H49', '000.00.12.H49')).toBe(true);
    expect(agencyCovers('000.00.12.H49', '000.03.12.H49')).toBe(true);
    expect(agencyCovers('000.00.12.H49', '000.00.00.H49')).toBe(false);
    expect(agencyCovers('000.00.12.H49', '000.00.13.H49')).toBe(false);
  });

  it('the national scope covers everything; malformed codes cover nothing', () => {
    expect(agencyCovers('*', '000.00.12.H38')).toBe(true);
    expect(agencyCovers('H49', '000.00.12.H49')).toBe(false);
    expect(agencyCovers('000.00.00.H49', 'not-a-code')).toBe(false);
    expect(isAgencyCode('000.00.12.h49')).toBe(false);
  });

  it('gives a SQL LIKE pattern that matches exactly the subtree', () => {
    expect(agencySubtreeLikePattern('*')).toBeUndefined();
    expect(agencySubtreeLikePattern('000.00.00.H49')).toBe('___.__.__.H49');
    expect(agencySubtreeLikePattern('000.00.12.H49')).toBe('___.__.12.H49');
    const like = (pattern: string, value: string) =>
      new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/_/g, '.')}$`).test(value);
    for (const [scope, code] of [
      ['000.00.00.H49', '001.05.12.H49'],
      ['000.00.12.H49', '000.03.12.H49'],
      ['000.00.12.H49', '000.00.13.H49'],
      ['000.00.00.H49', '000.00.12.H38'],
    ]) {
      expect(like(agencySubtreeLikePattern(scope)!, code)).toBe(agencyCovers(scope, code));
    }
  });
});
