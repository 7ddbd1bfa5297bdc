import { agencyLevel, isAgencyCode } from '@motcua/auth';

/** Width of each segment, level 1 (MX1X2) first; level 1 is never zeroed. */
const SEGMENTS_FROM_LEVEL_1 = 4;

/**
 * The codes that structurally contain `code` (QCVN 102:2016), nearest first: the same code with every level
 * below d zeroed, for each level d above the agency's own. `001.05.12.H49` → `000.05.12.H49`, `000.00.12.H49`,
 * `000.00.00.H49`. A level-1 code has none. Codes whose intermediate levels are already zero (`000.05.00.H49`)
 * skip the duplicate.
 */
export function structuralAncestors(code: string): string[] {
  if (!isAgencyCode(code)) return [];
  const fromLevel1 = code.split('.').reverse();
  const ancestors: string[] = [];
  for (let depth = agencyLevel(code) - 1; depth >= 1; depth -= 1) {
    const segments = fromLevel1.map((segment, i) => (i < depth ? segment : '0'.repeat(segment.length)));
    const ancestor = segments.slice(0, SEGMENTS_FROM_LEVEL_1).reverse().join('.');
    if (ancestor !== code && !ancestors.includes(ancestor)) ancestors.push(ancestor);
  }
  return ancestors;
}
