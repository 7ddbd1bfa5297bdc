import type { DossierComponentState } from '../../src/dossiers/dossier.entity';
import type { SignatureReport } from '../../src/dossier-updates/dossier-document.entity';
import {
  deriveDossierDocuments,
  KnownDocument,
  laterReport,
  signatureState,
} from '../../src/dossier-updates/current-documents';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 8, minute));
const doc = (documentId: string, overrides: Partial<KnownDocument> = {}): KnownDocument => ({
  documentId,
  componentCode: 'TK01',
  source: 'DIGITIZED',
  kind: 'APPLICATION',
  occurredAt: at(0),
  documentVersion: null,
  previousDocumentId: null,
  sourceDocumentId: null,
  recordId: null,
  digitizationLevel: 'STRUCTURED',
  sha256: null,
  signature: null,
  ...overrides,
});
const report = (
  verificationId: string,
  minute: number,
  overrides: Partial<SignatureReport> = {},
): SignatureReport => ({
  indication: 'TOTAL_PASSED',
  verificationId,
  verifiedAt: at(minute).toISOString(),
  ...overrides,
});
const catalogue: DossierComponentState[] = [
  { code: 'TK01', name: 'Tờ khai', required: true, provided: false },
  { code: 'GCS01', name: 'Giấy chứng sinh', required: true, provided: true },
];
const derive = (documents: KnownDocument[], components = catalogue) =>
  deriveDossierDocuments(components, documents, new Set(documents.map((d) => d.documentId)));

describe('deriveDossierDocuments', () => {
  it('shows the latest version of a component with its own signature, not the previous version’s', () => {
    const { components } = derive([
      doc('v1', { signature: report('ver-1', 1), documentVersion: 1 }),
      doc('v2', { occurredAt: at(5), documentVersion: 2, previousDocumentId: 'v1' }),
    ]);
    expect(components[0]).toEqual({
      code: 'TK01',
      name: 'Tờ khai',
      required: true,
      provided: true,
      documentId: 'v2',
      kind: 'APPLICATION',
      digitizationLevel: 'STRUCTURED',
      version: 2,
    });
  });

  it('drops `reused` when a fresh upload replaces a reuse, and keeps the older version superseded whatever the clocks say', () => {
    const reusedThenUploaded = derive([
      doc('r', { source: 'REUSED', recordId: 'rec-1', occurredAt: at(1) }),
      doc('u', { occurredAt: at(2) }),
    ]).components[0];
    expect(reusedThenUploaded.documentId).toBe('u');
    expect(reusedThenUploaded).not.toHaveProperty('reused');
    expect(reusedThenUploaded).not.toHaveProperty('recordId');
    // A correction stamped earlier than the version it replaces (skewed clock) still wins.
    const skewed = derive([
      doc('v1', { occurredAt: at(9) }),
      doc('v2', { occurredAt: at(3), previousDocumentId: 'v1' }),
    ]);
    expect(skewed.components[0].documentId).toBe('v2');
  });

  it('shows a reuse with the signature report of the bytes it reuses unless it has its own', () => {
    const source = doc('src', { componentCode: 'KQ01', kind: 'RESULT', signature: report('ver-src', 1) });
    const reuse = doc('r', {
      componentCode: 'GCS01',
      source: 'REUSED',
      recordId: 'rec',
      sourceDocumentId: 'src',
    });
    const viaSource = deriveDossierDocuments(catalogue, [source, reuse], new Set(['r']));
    expect(viaSource.components[1]).toMatchObject({
      documentId: 'r',
      reused: true,
      recordId: 'rec',
      signature: { status: 'TOTAL_PASSED', verificationId: 'ver-src' },
    });
    expect(viaSource.results).toEqual([]); // the source belongs to another dossier
    const own = derive([{ ...reuse, signature: report('ver-own', 2) }]);
    expect(own.components[1].signature?.verificationId).toBe('ver-own');
  });

  it('does not show a report whose sha256 is of other bytes', () => {
    const { components } = derive([
      doc('v1', { sha256: 'a'.repeat(64), signature: report('x', 1, { sha256: 'b'.repeat(64) }) }),
    ]);
    expect(components[0]).not.toHaveProperty('signature');
  });

  it('shows results apart, and a document of a code the catalogue lacks with its kind and inCatalogue: false', () => {
    const { components, results } = derive([
      doc('res', { componentCode: 'KQ01', kind: 'RESULT', signature: report('ver-r', 1) }),
      doc('extra', { componentCode: 'ZZ09', kind: 'SUPPORTING' }),
    ]);
    expect(components.map((c) => c.code)).toEqual(['TK01', 'GCS01', 'ZZ09']);
    expect(components[0]).toEqual(catalogue[0]); // no document yet: left as the clerk set it
    expect(components[2]).toEqual({
      code: 'ZZ09',
      provided: true,
      inCatalogue: false,
      documentId: 'extra',
      kind: 'SUPPORTING',
      digitizationLevel: 'STRUCTURED',
    });
    expect(results).toEqual([
      {
        code: 'KQ01',
        documentId: 'res',
        kind: 'RESULT',
        digitizationLevel: 'STRUCTURED',
        signature: {
          status: 'TOTAL_PASSED',
          indication: 'TOTAL_PASSED',
          verificationId: 'ver-r',
          verifiedAt: at(1).toISOString(),
        },
      },
    ]);
  });

  it('ignores a signature report whose document is not known yet', () => {
    const { components } = derive([
      doc('later', { source: null, occurredAt: null, signature: report('v', 1) }),
    ]);
    expect(components).toEqual(catalogue);
  });

  it('is the same whatever order the rows come in', () => {
    const rows = [
      doc('a', { occurredAt: at(1) }),
      doc('b', { occurredAt: at(2), previousDocumentId: 'a', signature: report('s', 3) }),
      doc('c', { componentCode: 'KQ01', kind: 'RESULT' }),
    ];
    expect(derive([...rows].reverse())).toEqual(derive(rows));
  });
});

describe('signature reports', () => {
  it('keeps the latest verifiedAt, whichever arrives first', () => {
    const early = report('early', 1, { indication: 'INDETERMINATE' });
    const late = report('late', 2);
    expect(laterReport(early, late)).toBe(late);
    expect(laterReport(late, early)).toBe(late);
    expect(laterReport(late, { ...late })).toBe(late);
    expect(laterReport(null, early)).toBe(early);
  });

  it('shows an unsigned file as UNSIGNED, without the INDETERMINATE indication', () => {
    expect(
      signatureState(
        report('u', 1, {
          indication: 'INDETERMINATE',
          subIndication: 'NO_SIGNATURE_FOUND',
          signatureCount: 0,
        }),
      ),
    ).toEqual({
      status: 'UNSIGNED',
      verificationId: 'u',
      verifiedAt: at(1).toISOString(),
      signatureCount: 0,
    });
    expect(
      signatureState(
        report('f', 1, { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', signatureCount: 1 }),
      ),
    ).toEqual({
      status: 'TOTAL_FAILED',
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
      verificationId: 'f',
      verifiedAt: at(1).toISOString(),
      signatureCount: 1,
    });
  });
});
