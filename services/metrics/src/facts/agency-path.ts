import { agencyLevel, isAgencyCode, NATIONAL_SCOPE } from '@motcua/auth';

/**
 * Agency codes read from level 1 on the right ('000.00.12.H49'); the path reverses them ('H49.12.00.000') so
 * that an agency's subtree is a prefix, which a btree (text_pattern_ops) index answers as a range.
 */
export function agencyPath(code: string): string {
  return code.split('.').reverse().join('.');
}

/** LIKE pattern of the paths in `scope`'s subtree; null for the national scope (no filter). */
export function agencyPathPattern(scope: string): string | null {
  if (scope === NATIONAL_SCOPE) return null;
  if (!isAgencyCode(scope)) throw new RangeError(`not an agency code: ${scope}`);
  const depth = agencyLevel(scope);
  const segments = agencyPath(scope).split('.');
  return depth === segments.length ? segments.join('.') : `${segments.slice(0, depth).join('.')}.%`;
}
