import fc from 'fast-check';
import { createPdf, mutatePdf, pdfMutation } from '@motcua/test-pki';
import { appendIncrementalUpdate } from '../src/incremental';
import { PdfDocument } from '../src/document';
import { PdfError } from '../src/errors';

// Randomly damaged files never make the parser throw anything but a PdfError, and never make it balloon;
// a hang would exceed the test's timeout (wall-clock checks are left out: the machines are shared).
const RUNS = { numRuns: 300, seed: 14 };
const HEAP_GUARD_BYTES = 512 * 1024 * 1024;

let file: Uint8Array;

beforeAll(async () => {
  const base = await createPdf(2);
  file = appendIncrementalUpdate(base, [
    { num: 900, body: '<< /Type /Annot /Subtype /Text /Rect [1 2 3 4] /Contents (x) >>' },
    { num: 901, body: '<< /Length 5 >>\nstream\nhello\nendstream' },
  ]);
});

/** Reads everything a verifier would: every object of the cross-reference, and the catalog. */
function readAll(document: PdfDocument): void {
  for (const num of document.xref.keys()) document.getObject(num);
  document.catalog();
}

function onlyPdfErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof PdfError)) throw error;
  }
}

describe('libs/pdf under random mutation', () => {
  it('parse, object reads and xref reconstruction throw only PdfError, within bounded memory', () => {
    fc.assert(
      fc.property(fc.array(pdfMutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const mutated = mutatePdf(file, mutations);
        const heap = process.memoryUsage().heapUsed;
        onlyPdfErrors(() => readAll(PdfDocument.parse(mutated)));
        onlyPdfErrors(() => readAll(PdfDocument.reconstruct(mutated)));
        onlyPdfErrors(() => PdfDocument.parse(mutated).xrefProblems());
        expect(process.memoryUsage().heapUsed - heap).toBeLessThan(HEAP_GUARD_BYTES);
      }),
      RUNS,
    );
  });

  it('a file that starts with "trailer" ends reconstruction (a loop the fuzzing found)', () => {
    expect(() => PdfDocument.reconstruct(Buffer.from('trailer <<', 'latin1'))).toThrow(PdfError);
  });

  it('an intact file reads the same strictly and by reconstruction', () => {
    const strict = PdfDocument.parse(file);
    const lenient = PdfDocument.reconstruct(file);
    expect([...lenient.xref.keys()].sort((a, b) => a - b)).toEqual(
      [...strict.xref.entries()]
        .filter(([, entry]) => entry.type !== 'free')
        .map(([num]) => num)
        .sort((a, b) => a - b),
    );
    expect(strict.xrefProblems()).toEqual([]);
  });
});
