import { agencyCovers, agencyLevel, NATIONAL_SCOPE } from '@motcua/auth';

/**
 * An agency and the agencies above it, top first: '000.00.12.H49' gives '000.00.00.H49' (the province) then itself.
 * Codes read from level 1 on the right; an ancestor keeps the first levels and zeroes the rest.
 */
export function agencyWithAncestors(code: string): string[] {
  const segments = code.split('.').reverse();
  const depth = agencyLevel(code);
  return Array.from({ length: depth }, (_, i) =>
    segments
      .map((segment, level) => (level <= i ? segment : segment.replace(/./g, '0')))
      .reverse()
      .join('.'),
  );
}

/**
 * The agencies an auditor can pick in the dashboard's subtree filter: their own scope, and every agency with
 * dossiers under it together with the agencies between the two, sorted so a parent comes before its children.
 */
export function agencyChoices(scope: string, agenciesWithDossiers: readonly string[]): string[] {
  const choices = new Set<string>([scope]);
  for (const code of agenciesWithDossiers) {
    for (const agency of agencyWithAncestors(code)) {
      if (agencyCovers(scope, agency)) choices.add(agency);
    }
  }
  const pathOf = (code: string) => (code === NATIONAL_SCOPE ? '' : code.split('.').reverse().join('.'));
  return [...choices].sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
}
