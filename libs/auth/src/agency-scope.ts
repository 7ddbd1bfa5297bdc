/**
 * Agency codes follow QCVN 102:2016/BTTTT: `V1V2V3.Z1Z2.Y1Y2.MX1X2`, levels 4.3.2.1 from left to right.
 * An agency's level is its deepest non-zero segment; its subtree is every code that agrees with it
 * on all levels down to its own. `000.00.00.H49` (a province) covers `000.00.12.H49` (one of its departments).
 */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const NATIONAL_SCOPE = '*';

export function isAgencyCode(value: string): boolean {
  return AGENCY_CODE_PATTERN.test(value);
}

/** Segments from level 1 (MX1X2) to level 4 (V1V2V3). */
function levels(code: string): string[] {
  return code.split('.').reverse();
}

export function agencyLevel(code: string): number {
  const segments = levels(code);
  let level = 1;
  for (let i = 1; i < segments.length; i += 1) if (/[1-9]/.test(segments[i])) level = i + 1;
  return level;
}

/** True when `scope` (a token's agency, or `*`) covers `agencyCode`. */
export function agencyCovers(scope: string, agencyCode: string): boolean {
  if (scope === NATIONAL_SCOPE) return true;
  if (!isAgencyCode(scope) || !isAgencyCode(agencyCode)) return false;
  const depth = agencyLevel(scope);
  const own = levels(scope);
  const other = levels(agencyCode);
  return own.slice(0, depth).every((segment, i) => segment === other[i]);
}

/**
 * SQL LIKE pattern matching every code in `scope`'s subtree, for filtering lists in the database.
 * Returns undefined for the national scope (no filter).
 */
export function agencySubtreeLikePattern(scope: string): string | undefined {
  if (scope === NATIONAL_SCOPE) return undefined;
  const depth = agencyLevel(scope);
  const own = levels(scope);
  const wildcard = ['___', '__', '__', '___'];
  const pattern = own.map((segment, i) => (i < depth ? segment : wildcard[i]));
  return pattern.reverse().join('.');
}
