import { vietnamDateOf } from '@motcua/calendar';
import { DOSSIER_CODE_PATTERN, formatDossierCode } from './dossier-code';

describe('dossier code', () => {
  it('formats agency, Vietnam date and a four-digit sequence', () => {
    expect(formatDossierCode('000.00.12.H49', '2026-11-27', 42)).toBe('000.00.12.H49-261127-0042');
  });

  it('widens the sequence past 9999 instead of wrapping', () => {
    expect(formatDossierCode('000.00.12.H49', '2026-11-27', 12345)).toBe('000.00.12.H49-261127-12345');
    expect(DOSSIER_CODE_PATTERN.test('000.00.12.H49-261127-12345')).toBe(true);
  });

  it('refuses a non-positive sequence', () => {
    expect(() => formatDossierCode('000.00.12.H49', '2026-11-27', 0)).toThrow(RangeError);
  });

  it('uses the Vietnamese calendar day (UTC+7), not UTC', () => {
    expect(vietnamDateOf(new Date('2026-11-27T16:59:59Z'))).toBe('2026-11-27');
    expect(vietnamDateOf(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});
