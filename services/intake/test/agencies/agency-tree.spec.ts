import { agencyCovers, agencyLevel } from '@motcua/auth';
import { AgencyView, toAgencyTree } from '../../src/agencies/agency.view';
import { structuralAncestors } from '../../src/agencies/agency-tree';

describe('agency tree structure (QCVN 102:2016)', () => {
  it('lists the containing codes nearest first', () => {
    expect(structuralAncestors('001.05.12.H49')).toEqual(['000.05.12.H49', '000.00.12.H49', '000.00.00.H49']);
    expect(structuralAncestors('000.01.12.H49')).toEqual(['000.00.12.H49', '000.00.00.H49']);
    expect(structuralAncestors('000.00.12.H49')).toEqual(['000.00.00.H49']);
    expect(structuralAncestors('000.00.00.H49')).toEqual([]);
  });

  it('skips levels that are already zero', () => {
    expect(structuralAncestors('000.05.00.H49')).toEqual(['000.00.00.H49']);
  });

  it('agrees with agencyCovers: every ancestor covers the code from a higher level', () => {
    for (const code of ['001.05.12.H49', '000.05.00.H49', '000.01.12.H49', '000.00.08.G01']) {
      for (const ancestor of structuralAncestors(code)) {
        expect(agencyCovers(ancestor, code)).toBe(true);
        expect(agencyLevel(ancestor)).toBeLessThan(agencyLevel(code));
      }
    }
  });

  it('has none for a malformed code', () => {
    expect(structuralAncestors('H49')).toEqual([]);
  });

  it('nests a flat list under the parents present in it', () => {
    const agency = (code: string, parentCode: string | null): AgencyView => ({
      code,
      name: code,
      parentCode,
      level: agencyLevel(code),
      officeHours: [],
      address: null,
      createdAt: '2025-11-28T00:00:00.000Z',
    });
    const tree = toAgencyTree([
      agency('000.01.12.H49', '000.00.12.H49'),
      agency('000.00.13.H49', '000.00.00.H49'),
      agency('000.00.12.H49', '000.00.00.H49'),
      agency('000.00.00.H49', null),
    ]);
    expect(tree.map((n) => n.code)).toEqual(['000.00.00.H49']);
    expect(tree[0].children.map((n) => n.code)).toEqual(['000.00.12.H49', '000.00.13.H49']);
    expect(tree[0].children[0].children.map((n) => n.code)).toEqual(['000.01.12.H49']);
    // Without its parent in the list (a department's scope), a unit becomes a root.
    expect(toAgencyTree([agency('000.01.12.H49', '000.00.12.H49')]).map((n) => n.code)).toEqual([
      '000.01.12.H49',
    ]);
  });
});
