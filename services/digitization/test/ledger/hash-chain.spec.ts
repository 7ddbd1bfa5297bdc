import {
  canonicalJson,
  ChainEntry,
  entryHash,
  firstBrokenLink,
  GENESIS_HASH,
} from '../../src/ledger/hash-chain';

function chain(count: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let previousHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const partial = {
      seq,
      entryType: 'DOCUMENT_STORED',
      payload: { documentId: `doc-${seq}`, sha256: String(seq).repeat(8), size: seq * 10 },
      previousHash,
    };
    const entry = { ...partial, hash: entryHash(partial) };
    entries.push(entry);
    previousHash = entry.hash;
  }
  return entries;
}

const genesis = { seq: 0, hash: GENESIS_HASH };

describe('canonicalJson', () => {
  it('is independent of key order at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
  });
});

describe('firstBrokenLink', () => {
  it('accepts an intact chain, whole or checked in runs', () => {
    const entries = chain(5);
    expect(firstBrokenLink(entries, genesis)).toBeUndefined();
    expect(firstBrokenLink(entries.slice(2), entries[1])).toBeUndefined();
  });

  it('finds an entry whose facts were altered', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], payload: { ...entries[2].payload, sha256: 'f'.repeat(64) } };
    expect(firstBrokenLink(entries, genesis)).toEqual({
      seq: 3,
      reason: 'hash does not match the entry contents',
    });
  });

  it('finds an altered entry whose hash was recomputed (its successor no longer links)', () => {
    const entries = chain(5);
    const altered = { ...entries[1], payload: { ...entries[1].payload, size: 999 } };
    entries[1] = { ...altered, hash: entryHash(altered) };
    expect(firstBrokenLink(entries, genesis)).toEqual({
      seq: 3,
      reason: 'previous hash does not match the preceding entry',
    });
  });

  it('finds a removed entry', () => {
    const entries = chain(5);
    entries.splice(3, 1);
    expect(firstBrokenLink(entries, genesis)).toEqual({ seq: 4, reason: 'entry 4 is missing (next is 5)' });
  });

  it('finds a chain that does not start at the genesis', () => {
    const entries = chain(3);
    expect(firstBrokenLink(entries.slice(1), genesis)?.seq).toBe(1);
  });
});
