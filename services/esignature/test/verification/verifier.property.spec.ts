import fc from 'fast-check';
import { createPdf, mutatePdf, pdfMutation, signPdf } from '@motcua/test-pki';
import { createTestPki } from '../support/test-pki';
import type { TrustMaterial } from '../../src/verification/chain';
import { verifyPdf } from '../../src/verification/verifier';

// The verifier on randomly damaged signed files: always a report (never an exception), within bounded
// memory (a hang would exceed the test's timeout; no wall-clock check on a shared machine), and a byte changed inside the signed
// range is never TOTAL_PASSED.
const RUNS = { numRuns: 120, seed: 14 };
const HEAP_GUARD_BYTES = 512 * 1024 * 1024;
const INDICATIONS = ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'];

let signed: Uint8Array;
let twice: Uint8Array;
let range: number[];
let trust: TrustMaterial;

beforeAll(async () => {
  const pki = await createTestPki();
  trust = { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] };
  signed = signPdf(await createPdf(1), { signer: pki.ecdsa, chain: [pki.ca] });
  twice = signPdf(signed, { signer: pki.rsa, chain: [pki.ca], timestampBy: pki.tsa });
  const text = Buffer.from(signed).toString('latin1');
  range = /\/ByteRange \[(\d+) +(\d+) +(\d+) +(\d+) *\]/.exec(text)!.slice(1).map(Number);
  expect(verifyPdf(signed, { trust }).indication).toBe('TOTAL_PASSED');
  expect(verifyPdf(twice, { trust }).indication).toBe('TOTAL_PASSED');
});

describe('verifier under random mutation', () => {
  it('always returns a report, within bounded memory', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(pdfMutation, { minLength: 1, maxLength: 4 }),
        (second, mutations) => {
          const mutated = mutatePdf(second ? twice : signed, mutations);
          const heap = process.memoryUsage().heapUsed;
          const report = verifyPdf(mutated, { trust });
          expect(INDICATIONS).toContain(report.indication);
          expect(process.memoryUsage().heapUsed - heap).toBeLessThan(HEAP_GUARD_BYTES);
        },
      ),
      RUNS,
    );
  });

  it('a byte changed inside the signed range is never TOTAL_PASSED', () => {
    const [, b, c, d] = range;
    const signedPositions = fc.oneof(
      fc.integer({ min: 0, max: b - 1 }),
      fc.integer({ min: c, max: c + d - 1 }),
    );
    fc.assert(
      fc.property(
        signedPositions,
        fc.integer({ min: 1, max: 255 }),
        fc.array(pdfMutation, { maxLength: 2 }),
        (at, xor, more) => {
          const copy = Buffer.from(signed);
          copy[at] ^= xor;
          // Further damage elsewhere (an appended update, garbage) must not rescue it either.
          const mutated = mutatePdf(
            copy,
            more.filter((m) => m.kind === 'append' || m.kind === 'xref-entry'),
          );
          expect(verifyPdf(mutated, { trust }).indication).not.toBe('TOTAL_PASSED');
        },
      ),
      RUNS,
    );
  });
});
