/**
 * Dossier code `<agency>-<YYMMDD>-<NNNN>` (DOMAIN.md §5). The sequence is four digits;
 * a day with more than 9,999 dossiers at one agency widens it rather than ever reusing a code.
 */
export function formatDossierCode(agencyCode: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`sequence must be a positive integer: ${sequence}`);
  const yymmdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
  return `${agencyCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;
