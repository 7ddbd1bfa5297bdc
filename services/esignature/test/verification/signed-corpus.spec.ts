import { buildSignedCorpus, type CorpusCase } from '../support/signed-corpus';
import { createTestPki } from '../support/test-pki';
import type { TrustMaterial } from '../../src/verification/chain';
import { verifyPdf } from '../../src/verification/verifier';

// The service's verdict on every document of the generated corpus (the pyHanko agreement test judges the
// same files independently).
let cases: CorpusCase[];
let trust: TrustMaterial;

beforeAll(async () => {
  const pki = await createTestPki();
  trust = { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] };
  cases = await buildSignedCorpus(pki);
});

it('the corpus has at least 40 documents, honest ones and attacks', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
  expect(cases.filter((c) => c.kind === 'honest').length).toBeGreaterThanOrEqual(15);
  expect(cases.filter((c) => c.kind === 'attack').length).toBeGreaterThanOrEqual(25);
});

it('every document gets the expected indication, with the change named', () => {
  const wrong = cases.flatMap((item) => {
    const report = verifyPdf(item.file, { trust });
    const first = report.signatures[0];
    const text = [
      report.problem ?? '',
      ...(first?.checks ?? []).map((c) => `${c.name}: ${c.detail ?? ''}`),
    ].join('\n');
    const ok = report.indication === item.indication && (!item.detail || item.detail.test(text));
    return ok ? [] : [`${item.name}: ${report.indication} ${report.subIndication ?? ''}\n${text}`];
  });
  expect(wrong).toEqual([]);
});

it('honest documents never fail MODIFICATIONS; every attack is reported', () => {
  for (const item of cases) {
    const report = verifyPdf(item.file, { trust });
    if (item.kind === 'honest')
      expect(report.signatures.every((s) => s.indication === 'TOTAL_PASSED')).toBe(true);
    else expect(report.indication).not.toBe('TOTAL_PASSED');
  }
});
