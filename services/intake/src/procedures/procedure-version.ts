/** A version's validity: from its first day to its last (inclusive; null = still in force), Vietnam dates. */
export interface VersionPeriod {
  effectiveFrom: string;
  effectiveTo: string | null;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isInForce(version: VersionPeriod, date: string): boolean {
  return version.effectiveFrom <= date && (version.effectiveTo === null || date <= version.effectiveTo);
}

/**
 * The version in force on a date ('YYYY-MM-DD', Vietnam time): a dossier is judged by the rules in force when
 * it was received. Should periods ever overlap, the one that took effect last wins (the later act amends the
 * earlier); a date before the first version or in a gap has none.
 */
export function versionInForce<V extends VersionPeriod>(versions: readonly V[], date: string): V | undefined {
  let found: V | undefined;
  for (const version of versions) {
    if (isInForce(version, date) && (!found || version.effectiveFrom > found.effectiveFrom)) found = version;
  }
  return found;
}

/** What is wrong with a procedure's list of versions (overlaps, inverted periods); empty when consistent. */
export function versionPeriodProblems(versions: readonly VersionPeriod[]): string[] {
  const problems: string[] = [];
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  sorted.forEach((version, i) => {
    if (!ISO_DATE.test(version.effectiveFrom)) problems.push(`${version.effectiveFrom} is not a date`);
    if (version.effectiveTo !== null && version.effectiveTo < version.effectiveFrom) {
      problems.push(`version from ${version.effectiveFrom} ends before it starts`);
    }
    const next = sorted[i + 1];
    if (next && (version.effectiveTo === null || version.effectiveTo >= next.effectiveFrom)) {
      problems.push(`version from ${version.effectiveFrom} overlaps the one from ${next.effectiveFrom}`);
    }
  });
  return problems;
}

/**
 * Text folded for search: Vietnamese diacritics removed (đ → d), lower case, single spaces.
 * "Đăng ký khai sinh" and "dang ky KHAI SINH" fold to the same string.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query occurs in the text, ignoring case and diacritics. */
export function matchesSearch(text: string, query: string): boolean {
  const haystack = foldForSearch(text);
  return foldForSearch(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
