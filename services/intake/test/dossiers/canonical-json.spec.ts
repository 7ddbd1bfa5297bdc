import { canonicalJson, requestFingerprint } from '../../src/dossiers/canonical-json';

describe('canonical JSON', () => {
  it('ignores key order at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'z' } };
    const b = { a: { x: 'z', y: [1, { p: 1, q: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestFingerprint(a)).toBe(requestFingerprint(b));
  });

  it('tells different values apart, array order included', () => {
    expect(requestFingerprint({ a: [1, 2] })).not.toBe(requestFingerprint({ a: [2, 1] }));
    expect(requestFingerprint({ a: '1' })).not.toBe(requestFingerprint({ a: 1 }));
  });

  it('treats an absent field and an undefined one alike', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});
