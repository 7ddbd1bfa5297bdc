import { agencyCovers } from '@motcua/auth';
import { agencyPath, agencyPathPattern } from '../../src/facts/agency-path';

/** SQL LIKE on a path, for checking patterns against agencyCovers without a database. */
const like = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/%/g, '.*')}$`).test(value);

describe('agency path', () => {
  it('reads the code from level 1 down', () => {
    expect(agencyPath('000.00.12.H49')).toBe('H49.12.00.000');
  });

  it('turns a subtree into a prefix pattern', () => {
    expect(agencyPathPattern('000.00.00.H49')).toBe('H49.%');
    expect(agencyPathPattern('000.00.12.H49')).toBe('H49.12.%');
    expect(agencyPathPattern('001.02.12.H49')).toBe('H49.12.02.001');
    expect(agencyPathPattern('*')).toBeNull();
  });

  it('matches exactly the codes agencyCovers says the scope covers', () => {
    const codes = [
      '000.00.00.H49',
      '000.00.12.H49',
      '000.01.12.H49',
      '000.00.13.H49',
      '000.00.12.H50',
      '000.00.00.G01',
    ];
    for (const scope of ['000.00.00.H49', '000.00.12.H49', '000.01.12.H49']) {
      for (const code of codes) {
        expect([scope, code, like(agencyPathPattern(scope)!, agencyPath(code))]).toEqual([
          scope,
          code,
          agencyCovers(scope, code),
        ]);
      }
    }
  });

  it('rejects what is not an agency code', () => {
    expect(() => agencyPathPattern('H49')).toThrow(RangeError);
  });
});
