import { splitSignedData } from '../../src/verification/der';
import { parsePdfDate } from '../../src/verification/pdf-signatures';

describe('parsePdfDate', () => {
  it('reads PDF dates with and without offsets', () => {
    expect(parsePdfDate("D:20261127143000+07'00'")?.toISOString()).toBe('2026-11-27T07:30:00.000Z');
    expect(parsePdfDate('D:20261127143000Z')?.toISOString()).toBe('2026-11-27T14:30:00.000Z');
    expect(parsePdfDate("D:20261127143000-05'30")?.toISOString()).toBe('2026-11-27T20:00:00.000Z');
    expect(parsePdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('yesterday')).toBeUndefined();
    expect(parsePdfDate(undefined)).toBeUndefined();
  });
});

describe('splitSignedData', () => {
  it('declines what is not plain DER ContentInfo(SignedData)', () => {
    expect(splitSignedData(Buffer.from('3080', 'hex'))).toBeUndefined(); // indefinite length
    expect(splitSignedData(Buffer.from('300b06092a864886f70d010701', 'hex'))).toBeUndefined(); // id-data
    expect(splitSignedData(Buffer.from('30ff', 'hex'))).toBeUndefined(); // length beyond the input
    expect(splitSignedData(new Uint8Array())).toBeUndefined();
  });
});
