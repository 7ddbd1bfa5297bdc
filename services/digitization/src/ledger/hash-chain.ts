import { createHash } from 'node:crypto';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** JSON with object keys sorted at every level: the same facts always hash the same, whatever the key order. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

export interface ChainEntry {
  seq: number;
  entryType: string;
  payload: { [key: string]: JsonValue };
  previousHash: string;
  hash: string;
}

/** An entry's hash covers its position, its type, the previous entry's hash and its facts. */
export function entryHash(entry: Omit<ChainEntry, 'hash'>): string {
  return createHash('sha256')
    .update(`${entry.seq}\n${entry.entryType}\n${entry.previousHash}\n${canonicalJson(entry.payload)}`)
    .digest('hex');
}

export interface BrokenLink {
  seq: number;
  reason: string;
}

/**
 * Checks a run of consecutive entries that should follow `previous` (the last entry checked before, or the
 * genesis). Returns the first broken link: a gap or reordering, a previous hash that is not the predecessor's,
 * or a hash that does not match the entry's contents.
 */
export function firstBrokenLink(
  entries: ChainEntry[],
  previous: { seq: number; hash: string },
): BrokenLink | undefined {
  let expectedSeq = previous.seq + 1;
  let expectedPrevious = previous.hash;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq)
      return { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (next is ${entry.seq})` };
    if (entry.previousHash !== expectedPrevious)
      return { seq: entry.seq, reason: 'previous hash does not match the preceding entry' };
    if (entryHash(entry) !== entry.hash)
      return { seq: entry.seq, reason: 'hash does not match the entry contents' };
    expectedSeq += 1;
    expectedPrevious = entry.hash;
  }
  return undefined;
}
