import { deflateSync } from 'node:zlib';
import { appendIncrementalUpdate, PdfDict, PdfDocument, PdfRef, serializePdfValue } from '@motcua/pdf';
import { createPdf, signPdf } from '@motcua/test-pki';
import { createTestPki, type TestPki } from '../support/test-pki';
import type { TrustSnapshot } from '../../src/sandbox/verification-job';
import { VerificationSandbox, type SandboxOptions } from '../../src/sandbox/verification-sandbox';

// Runs the built thread (dist/): `npm run build` first.
const limits: SandboxOptions['limits'] = {
  maxDepth: 64,
  maxItems: 1_000_000,
  maxInflatePerStream: 8 << 20,
  maxInflateTotal: 32 << 20,
  maxFileSize: 50 << 20,
};
let pki: TestPki;
let trust: TrustSnapshot;
let signed: Uint8Array;
const sandboxes: VerificationSandbox[] = [];
const sandbox = (options: Partial<SandboxOptions> = {}) => {
  const created = new VerificationSandbox({
    workers: 1,
    timeoutMs: 20_000,
    maxHeapMb: 128,
    maxQueue: 10,
    limits,
    ...options,
  });
  sandboxes.push(created);
  return created;
};

beforeAll(async () => {
  pki = await createTestPki();
  trust = { version: 'v1', anchors: [pki.root.certificate.der], crls: [pki.caCrl.der, pki.rootCrl.der] };
  signed = signPdf(await createPdf(1), { signer: pki.rsa, chain: [pki.ca] });
});
afterAll(() => Promise.all(sandboxes.map((item) => item.close())));

describe('VerificationSandbox', () => {
  it('verifies in a worker thread with the trust snapshot it is given', async () => {
    const runner = sandbox();
    expect((await runner.run({ kind: 'PDF', file: signed }, trust)).indication).toBe('TOTAL_PASSED');
    const untrusting = { version: 'v2', anchors: [pki.untrustedRoot.certificate.der], crls: [] };
    expect((await runner.run({ kind: 'PDF', file: signed }, untrusting)).subIndication).toBe(
      'NO_CERTIFICATE_CHAIN_FOUND',
    );
  });

  it('a deflate bomb stops at the inflate limit: INDETERMINATE / FORMAT_FAILURE', async () => {
    // A DSS certificate stream that inflates to 256 MiB, added after the signature.
    const bomb = deflateSync(Buffer.alloc(256 << 20));
    const document = PdfDocument.parse(signed);
    const root = document.trailer.get('Root') as PdfRef;
    const catalog = new Map(document.catalog().entries);
    catalog.set('DSS', new PdfRef(900, 0));
    const file = appendIncrementalUpdate(signed, [
      { num: 900, body: '<< /Certs [901 0 R] >>' },
      {
        num: 901,
        body: Buffer.concat([
          Buffer.from(`<< /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`),
          bomb,
          Buffer.from('\nendstream'),
        ]),
      },
      { num: root.num, body: serializePdfValue(new PdfDict(catalog, 0, 0)) },
    ]);
    const report = await sandbox().run({ kind: 'PDF', file }, trust);
    expect([report.indication, report.subIndication]).toEqual(['INDETERMINATE', 'FORMAT_FAILURE']);
    expect(report.problem).toMatch(/LIMIT_EXCEEDED: inflated stream larger than/);
  }, 20_000); // deflating and inflating 256 MiB takes seconds on a busy 2-core machine

  it('a job over the time limit ends INDETERMINATE / FORMAT_FAILURE and the next job still runs', async () => {
    const runner = sandbox({ timeoutMs: 1 });
    const report = await runner.run({ kind: 'PDF', file: signed }, trust);
    expect([report.indication, report.subIndication]).toEqual(['INDETERMINATE', 'FORMAT_FAILURE']);
    expect(report.problem).toMatch(/time limit/);
    const patient = sandbox();
    expect((await patient.run({ kind: 'PDF', file: signed }, trust)).indication).toBe('TOTAL_PASSED');
  });

  it('a file that exhausts the thread heap ends INDETERMINATE / FORMAT_FAILURE; the thread is replaced', async () => {
    const runner = sandbox({ maxHeapMb: 16, limits: { ...limits, maxItems: 50_000_000 } });
    const huge = `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Big [${'[0 1] '.repeat(3_000_000)}] >>\nendobj\nxref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n`;
    const file = Buffer.from(`${huge}${huge.indexOf('xref\n0 2')}\n%%EOF\n`, 'latin1');
    const report = await runner.run({ kind: 'PDF', file }, trust);
    expect([report.indication, report.subIndication]).toEqual(['INDETERMINATE', 'FORMAT_FAILURE']);
    expect(report.problem).toMatch(/^LIMIT_EXCEEDED: (memory limit exceeded|verification thread stopped)/);
    expect((await runner.run({ kind: 'PDF', file: signed }, trust)).indication).toBe('TOTAL_PASSED');
  }, 20_000); // a 30 MB file parsed until the heap runs out

  it('refuses jobs beyond its queue', async () => {
    const runner = sandbox({ maxQueue: 1 });
    const first = runner.run({ kind: 'PDF', file: signed }, trust);
    const second = runner.run({ kind: 'PDF', file: signed }, trust);
    await expect(runner.run({ kind: 'PDF', file: signed }, trust)).rejects.toThrow('queue full');
    await Promise.all([first, second]);
  });
});
