import { vietnamDateOf } from '@motcua/calendar';
import { DOSSIER_CODE_PATTERN } from '../../src/dossiers/dossier-code';

describe('dossier code', () => {
  it('accepts four or more sequence digits and nothing else', () => {
    expect(DOSSIER_CODE_PATTERN.test('000.00.12.H49-261127-0042')).toBe(true);
    expect(DOSSIER_CODE_PATTERN.test('000.00.12.H49-261127-12345')).toBe(true);
    expect(DOSSIER_CODE_PATTERN.test('000.00.12.H49-261127-042')).toBe(false);
    expect(DOSSIER_CODE_PATTERN.test('000.00.12.H49-2611270-0042')).toBe(false);
  });

  it('uses the Vietnamese calendar day (UTC+7), not UTC', () => {
    expect(vietnamDateOf(new Date('2026-11-27T16:59:59Z'))).toBe('2026-11-27');
    expect(vietnamDateOf(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});
