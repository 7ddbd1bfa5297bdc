import { agencyChoices, agencyWithAncestors } from '../../src/dashboard/agency-options';

describe('dashboard agency choices', () => {
  it('lists an agency with the agencies above it, top first', () => {
    expect(agencyWithAncestors('000.00.12.H49')).toEqual(['000.00.00.H49', '000.00.12.H49']);
    expect(agencyWithAncestors('000.00.00.H49')).toEqual(['000.00.00.H49']);
    expect(agencyWithAncestors('000.03.12.H49')).toEqual(['000.00.00.H49', '000.00.12.H49', '000.03.12.H49']);
  });

  it("offers the auditor's scope and the agencies under it with dossiers, parents before children", () => {
    expect(agencyChoices('000.00.00.H49', ['000.03.12.H49', '000.00.13.H49'])).toEqual([
      '000.00.00.H49',
      '000.00.12.H49',
      '000.03.12.H49',
      '000.00.13.H49',
    ]);
    expect(agencyChoices('*', ['000.00.12.H49', '000.00.00.H01'])).toEqual([
      '*',
      '000.00.00.H01',
      '000.00.00.H49',
      '000.00.12.H49',
    ]);
  });

  it('never offers an agency outside the scope, not even an ancestor of one inside it', () => {
    expect(agencyChoices('000.00.12.H49', ['000.03.12.H49'])).toEqual(['000.00.12.H49', '000.03.12.H49']);
  });
});
