// Random mutations of PDF files for property-based tests (fast-check): bytes changed anywhere,
// cross-reference entries and trailer values rewritten, garbage appended or spliced in, truncation.
import fc from 'fast-check';

export type PdfMutation =
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'xref-entry'; entry: number; offset: number }
  | { kind: 'trailer'; key: 'Size' | 'Prev' | 'Root' | 'XRefStm' | 'Info'; value: number }
  | { kind: 'startxref'; value: number }
  | { kind: 'append'; bytes: Uint8Array }
  | { kind: 'splice'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const junk = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  fc
    .constantFrom(
      'xref\n0 1\n',
      'trailer <<',
      ' obj ',
      'endobj',
      '%%EOF',
      'stream\n',
      '<< /Length 99999999 >>',
      '[[[[[[',
      '9 0 R',
    )
    .map((text) => new Uint8Array(Buffer.from(text, 'latin1'))),
);

export const pdfMutation: fc.Arbitrary<PdfMutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('xref-entry' as const),
    entry: fc.nat(),
    offset: fc.nat({ max: 9_999_999_999 }),
  }),
  fc.record({
    kind: fc.constant('trailer' as const),
    key: fc.constantFrom(
      'Size' as const,
      'Prev' as const,
      'Root' as const,
      'XRefStm' as const,
      'Info' as const,
    ),
    value: fc.integer({ min: -5, max: 100_000_000 }),
  }),
  fc.record({ kind: fc.constant('startxref' as const), value: fc.integer({ min: -5, max: 100_000_000 }) }),
  fc.record({ kind: fc.constant('append' as const), bytes: junk }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: junk }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction.map((f) => Math.floor(f * 1_000_000)) }),
);

/** Applies mutations in order (positions are taken modulo the current length). */
export function mutatePdf(file: Uint8Array, mutations: PdfMutation[]): Uint8Array {
  let bytes = Buffer.from(file);
  for (const mutation of mutations) {
    const text = bytes.toString('latin1');
    switch (mutation.kind) {
      case 'byte':
        bytes[mutation.at % bytes.length] = mutation.value;
        break;
      case 'xref-entry': {
        const entries = [...text.matchAll(/\d{10} \d{5} [nf]/g)];
        if (entries.length === 0) break;
        const entry = entries[mutation.entry % entries.length];
        bytes.write(String(mutation.offset).padStart(10, '0').slice(-10), entry.index, 'latin1');
        break;
      }
      case 'trailer': {
        const at = text.lastIndexOf(`/${mutation.key} `);
        if (at < 0) break;
        const end = text.slice(at + mutation.key.length + 2).search(/[^0-9 R]/);
        const tail = end < 0 ? bytes.length : at + mutation.key.length + 2 + end;
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(
            `/${mutation.key} ${mutation.value}${mutation.key === 'Root' || mutation.key === 'Info' ? ' 0 R' : ''}`,
          ),
          bytes.subarray(tail),
        ]);
        break;
      }
      case 'startxref': {
        const at = text.lastIndexOf('startxref');
        if (at < 0) break;
        const end = text.indexOf('%%EOF', at);
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(`startxref\n${mutation.value}\n`),
          bytes.subarray(end < 0 ? bytes.length : end),
        ]);
        break;
      }
      case 'append':
        bytes = Buffer.concat([bytes, mutation.bytes]);
        break;
      case 'splice': {
        const at = mutation.at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), mutation.bytes, bytes.subarray(at)]);
        break;
      }
      case 'truncate':
        bytes = bytes.subarray(0, mutation.at % (bytes.length + 1));
        break;
    }
  }
  return new Uint8Array(bytes);
}
