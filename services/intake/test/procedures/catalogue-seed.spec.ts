import { agencyLevel } from '@motcua/auth';
import { structuralAncestors } from '../../src/agencies/agency-tree';
import { AGENCY_SEED, PROCEDURE_SEED } from '../../src/migrations/1764288000000-agencies-and-procedures';
import { LIMIT_UNITS, PROCEDURE_AGENCY_LEVELS, RESULT_KINDS } from '../../src/procedures/procedure-catalogue';
import { versionInForce, versionPeriodProblems } from '../../src/procedures/procedure-version';

/** The seed is data in a migration that can never be edited once committed: check it before it is. */
describe('catalogue seed data', () => {
  it('forms one consistent agency tree', () => {
    const codes = AGENCY_SEED.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    AGENCY_SEED.forEach((agency, index) => {
      expect(agency.level).toBe(agencyLevel(agency.code));
      const existing = codes.slice(0, index);
      // The parent is the nearest earlier-seeded structural ancestor (the rule POST /agencies enforces).
      const nearest = structuralAncestors(agency.code).find((c) => existing.includes(c)) ?? null;
      expect({ code: agency.code, parent: agency.parentCode }).toEqual({
        code: agency.code,
        parent: nearest,
      });
    });
  });

  it('seeds the agencies other modules and tests rely on', () => {
    const byCode = new Map(AGENCY_SEED.map((a) => [a.code, a]));
    expect(byCode.get('000.00.12.H49')?.name).toBe('Sở Tư pháp');
    for (const code of ['000.00.00.H49', '000.00.13.H49', '000.00.14.H49', '000.01.12.H49']) {
      expect(byCode.has(code)).toBe(true);
    }
  });

  it('has at least ten procedures with well-formed versions and components', () => {
    expect(PROCEDURE_SEED.length).toBeGreaterThanOrEqual(10);
    expect(new Set(PROCEDURE_SEED.map((p) => p.code)).size).toBe(PROCEDURE_SEED.length);
    for (const procedure of PROCEDURE_SEED) {
      expect(procedure.code).toMatch(/^\d\.\d{6}$/);
      expect(PROCEDURE_AGENCY_LEVELS).toContain(procedure.agencyLevel);
      expect(RESULT_KINDS).toContain(procedure.resultKind);
      if (!procedure.codeConfirmed) expect(procedure.note).toContain('csdl.dichvucong.gov.vn');
      expect({ code: procedure.code, problems: versionPeriodProblems(procedure.versions) }).toEqual({
        code: procedure.code,
        problems: [],
      });
      for (const version of procedure.versions) {
        expect(LIMIT_UNITS).toContain(version.limitUnit);
        expect(version.processingLimit).toBeGreaterThan(0);
        expect(Number.isInteger(version.feeVnd) && version.feeVnd >= 0).toBe(true);
        const componentCodes = version.components.map((c) => c.code);
        expect(new Set(componentCodes).size).toBe(componentCodes.length);
        expect(version.components.some((c) => c.required)).toBe(true);
        for (const component of version.components) expect(component.copies).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('exercises versioning, working hours and today', () => {
    const byCode = new Map(PROCEDURE_SEED.map((p) => [p.code, p]));
    expect(byCode.get('1.001193')?.name).toBe('Đăng ký khai sinh');
    expect(PROCEDURE_SEED.some((p) => p.versions.length >= 2)).toBe(true);
    expect(PROCEDURE_SEED.some((p) => p.versions.some((v) => v.limitUnit === 'WORKING_HOURS'))).toBe(true);
    // Every seeded procedure has rules in force from the start of 2025-07 (Decree 118/2025) onwards.
    for (const procedure of PROCEDURE_SEED) {
      expect(versionInForce(procedure.versions, '2025-07-01')).toBeDefined();
    }
  });
});
