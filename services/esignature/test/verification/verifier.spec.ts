import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  appendIncrementalUpdate,
  PdfDict,
  PdfDocument,
  PdfRef,
  serializePdfValue,
  type PdfValue,
} from '@motcua/pdf';
import { addDss, buildCms, buildOcspResponse, createPdf, signPdf } from '@motcua/test-pki';
import { createCrl, createTestPki, DAY_MS, type TestPki } from '../support/test-pki';
import type { TrustMaterial } from '../../src/verification/chain';
import { failureTableMarkdown } from '../../src/verification/outcomes';
import { verifyDetached, verifyPdf, type VerificationReport } from '../../src/verification/verifier';

let pki: TestPki;
let trust: TrustMaterial;
let blank: Uint8Array;

beforeAll(async () => {
  pki = await createTestPki();
  trust = { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] };
  blank = await createPdf(1);
});

const summary = (report: VerificationReport) => [report.indication, report.subIndication];
const check = (report: VerificationReport, name: string, index = 0) =>
  report.signatures[index].checks.find((c) => c.name === name)!;
const signed = (signer: keyof TestPki, extra: Record<string, unknown> = {}) =>
  signPdf(blank, { signer: pki[signer] as TestPki['rsa'], chain: [pki.ca], ...extra });

describe('valid signatures', () => {
  it('RSA PAdES (ETSI.CAdES.detached) with a three-certificate chain is TOTAL_PASSED, every check OK', () => {
    const report = verifyPdf(signed('rsa'), { trust });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(report.labelVi).toBe('Hợp lệ');
    const [signature] = report.signatures;
    expect(signature).toMatchObject({
      type: 'SIGNATURE',
      signer: 'Nguyen Van An',
      issuer: 'Test Issuing CA',
      subFilter: 'ETSI.CAdES.detached',
      signingTimeSource: 'SIGNED_ATTRIBUTE',
    });
    expect(signature.checks.filter((c) => c.status !== 'OK').map((c) => c.name)).toEqual(['TIMESTAMP']);
    expect(check(report, 'CERTIFICATE_CHAIN').detail).toBe('Nguyen Van An → Test Issuing CA → Test Root CA');
    // Whose CRLs decide the signature, in the form a CRL names its issuer (the store re-queues on a new CRL).
    expect(signature.pathIssuers).toEqual([pki.caCrl.issuerName, pki.rootCrl.issuerName]);
  });

  it('two signatures on a page whose /Annots is an indirect array (updated in place, as iText does) both pass', () => {
    const document = PdfDocument.parse(blank);
    const pages = document.resolveDict(document.catalog().get('Pages'))!;
    const pageRef = (document.resolve(pages.get('Kids')) as PdfRef[])[0];
    const page = new Map(document.resolveDict(pageRef)!.entries);
    page.set('Annots', new PdfRef(600, 0));
    const base = appendIncrementalUpdate(blank, [
      { num: 600, body: '[]' },
      { num: pageRef.num, body: serializePdfValue(new PdfDict(page, 0, 0)) },
    ]);
    const first = signPdf(base, { signer: pki.rsa, chain: [pki.ca] });
    const report = verifyPdf(signPdf(first, { signer: pki.ecdsa, chain: [pki.ca] }), { trust });
    expect(report.signatures.map((signature) => signature.indication)).toEqual([
      'TOTAL_PASSED',
      'TOTAL_PASSED',
    ]);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(/object 600: array of fields or annotations/);
  });

  it('ECDSA P-256 adbe.pkcs7.detached is TOTAL_PASSED', () => {
    const report = verifyPdf(signed('ecdsa', { subFilter: 'adbe.pkcs7.detached' }), { trust });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(report.signatures[0].signer).toBe('Tran Thi Binh');
  });

  it('a personal signature then the organisation signature by incremental update: both pass', () => {
    const first = signed('rsa', { fieldName: 'CaNhan' });
    const both = signPdf(first, { signer: pki.ecdsa, chain: [pki.ca], fieldName: 'CoQuan' });
    const report = verifyPdf(both, { trust });
    expect(report.signatures.map((s) => [s.fieldName, s.indication])).toEqual([
      ['CaNhan', 'TOTAL_PASSED'],
      ['CoQuan', 'TOTAL_PASSED'],
    ]);
    expect(check(report, 'MODIFICATIONS', 0).detail).toMatch(/signature/);
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  it('a signature timestamp makes its time the signing time; a document timestamp is verified too', () => {
    const withTimestamp = signed('rsa', { timestampBy: pki.tsa });
    const archived = signPdf(withTimestamp, { kind: 'timestamp', tsa: pki.tsa, chain: [pki.ca] });
    const report = verifyPdf(archived, { trust });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(report.signatures.map((s) => [s.type, s.signingTimeSource])).toEqual([
      ['SIGNATURE', 'TIMESTAMP'],
      ['DOCUMENT_TIMESTAMP', 'TIMESTAMP'],
    ]);
    expect(report.signatures[1].signer).toBe('Test TSA');
    // The TSA's path counts too: a revoked TSA changes what the timestamp proves.
    expect(report.signatures[1].pathIssuers).toEqual([pki.caCrl.issuerName, pki.rootCrl.issuerName]);
    expect(report.signatures[0].pathIssuers).toEqual([pki.caCrl.issuerName, pki.rootCrl.issuerName]);
  });

  it('uses a CRL embedded in the signature when none is configured', () => {
    const file = signed('ecdsa', { crls: [pki.caCrl, pki.rootCrl] });
    expect(summary(verifyPdf(file, { trust: { anchors: trust.anchors, crls: [] } }))).toEqual([
      'TOTAL_PASSED',
      undefined,
    ]);
  });

  it('uses CRLs archived in the signed adbe-revocationInfoArchival attribute (Adobe, iText)', () => {
    const file = signed('rsa', { archivedCrls: [pki.caCrl, pki.rootCrl] });
    expect(summary(verifyPdf(file, { trust: { anchors: trust.anchors, crls: [] } }))).toEqual([
      'TOTAL_PASSED',
      undefined,
    ]);
  });

  it('revocation data added later in a DSS is used, and the DSS update is an allowed change', () => {
    const file = addDss(signed('ecdsa'), {
      certificates: [pki.ca.certificate.der],
      crls: [pki.caCrl.der, pki.rootCrl.der],
    });
    const report = verifyPdf(file, { trust: { anchors: trust.anchors, crls: [] } });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(/DSS/);
  });

  it('an RSA-PSS signature is TOTAL_PASSED', () => {
    expect(summary(verifyPdf(signed('rsa', { rsaPss: true }), { trust }))).toEqual([
      'TOTAL_PASSED',
      undefined,
    ]);
  });

  it('a detached CMS over a file is TOTAL_PASSED', () => {
    const content = Buffer.from('Tờ khai đăng ký kinh doanh');
    const report = verifyDetached(content, buildCms([content], { signer: pki.rsa, chain: [pki.ca] }), {
      trust,
    });
    expect(report.kind).toBe('DETACHED_CMS');
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(report.signatures[0].checks.map((c) => c.name)).not.toContain('BYTE_RANGE');
  });

  it('DocMDP P=2 certification allows a later approval signature', () => {
    const certified = signed('rsa', { docMdp: 2 });
    const report = verifyPdf(signPdf(certified, { signer: pki.ecdsa, chain: [pki.ca] }), { trust });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
  });
});

describe('certificates and policy', () => {
  const cases: [string, string, string | undefined, string, () => Uint8Array][] = [
    [
      'expired signer, claimed time only',
      'INDETERMINATE',
      'OUT_OF_BOUNDS_NO_POE',
      'VALIDITY_PERIOD',
      () => signed('expired'),
    ],
    [
      'expired signer, timestamp proves a later time',
      'TOTAL_FAILED',
      'EXPIRED',
      'VALIDITY_PERIOD',
      () => signed('expired', { timestampBy: pki.tsa }),
    ],
    ['signer not yet valid', 'TOTAL_FAILED', 'NOT_YET_VALID', 'VALIDITY_PERIOD', () => signed('notYetValid')],
    [
      'revoked signer, no timestamp',
      'INDETERMINATE',
      'REVOKED_NO_POE',
      'REVOCATION',
      () => signed('revoked'),
    ],
    [
      'revoked signer, timestamp after the revocation',
      'TOTAL_FAILED',
      'REVOKED',
      'REVOCATION',
      () => signed('revoked', { timestampBy: pki.tsa }),
    ],
    [
      'wrong key usage (encryption only)',
      'INDETERMINATE',
      'CHAIN_CONSTRAINTS_FAILURE',
      'KEY_USAGE',
      () => signed('wrongUsage'),
    ],
    [
      'untrusted root',
      'INDETERMINATE',
      'NO_CERTIFICATE_CHAIN_FOUND',
      'CERTIFICATE_CHAIN',
      () => signPdf(blank, { signer: pki.untrusted, chain: [] }),
    ],
    [
      'RSA-1024 key',
      'INDETERMINATE',
      'CRYPTO_CONSTRAINTS_FAILURE',
      'ALGORITHM_POLICY',
      () => signed('rsa1024'),
    ],
    [
      'SHA-1 digest',
      'INDETERMINATE',
      'CRYPTO_CONSTRAINTS_FAILURE',
      'ALGORITHM_POLICY',
      () => signed('rsa', { digest: 'sha1' }),
    ],
  ];
  it.each(cases)('%s → %s / %s (%s NOT_OK)', (_name, indication, subIndication, failedCheck, file) => {
    const report = verifyPdf(file(), { trust });
    expect(summary(report)).toEqual([indication, subIndication]);
    expect(check(report, failedCheck).status).toBe('NOT_OK');
    expect(report.labelVi).toBe(indication === 'TOTAL_FAILED' ? 'Không hợp lệ' : 'Chưa xác định');
  });

  it('revoked signer with a timestamp before the revocation passes (proof of existence)', () => {
    const file = signed('revoked', {
      timestampBy: pki.tsa,
      timestampTime: new Date(pki.revokedAt.getTime() - DAY_MS),
    });
    const report = verifyPdf(file, { trust });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(check(report, 'REVOCATION').detail).toMatch(/after the timestamp/);
  });

  it('a backdated claim does not rescue an expired certificate: INDETERMINATE / OUT_OF_BOUNDS_NO_POE', () => {
    const backdated = signed('expired', { signingTime: new Date(Date.now() - 60 * DAY_MS) });
    expect(summary(verifyPdf(backdated, { trust }))).toEqual(['INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE']);
  });

  it('an expired certificate passes when a timestamp proves the signature was made while it was valid', () => {
    const file = signed('expired', {
      signingTime: new Date(Date.now() - 60 * DAY_MS),
      timestampBy: pki.tsa,
      timestampTime: new Date(Date.now() - 60 * DAY_MS),
    });
    const report = verifyPdf(file, { trust });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(report.signatures[0].signingTimeSource).toBe('TIMESTAMP');
  });

  it('a revoked issuing CA → INDETERMINATE / REVOKED_CA_NO_POE', async () => {
    const rootRevokingCa = await createCrl(pki.root, [
      { certificate: pki.ca.certificate, at: new Date(Date.now() - DAY_MS) },
    ]);
    const report = verifyPdf(signed('ecdsa'), {
      trust: { anchors: trust.anchors, crls: [pki.caCrl, rootRevokingCa] },
    });
    expect(summary(report)).toEqual(['INDETERMINATE', 'REVOKED_CA_NO_POE']);
  });

  it('an intermediate CA pinned as the anchor ends the path there', () => {
    const report = verifyPdf(signed('ecdsa'), {
      trust: { anchors: [pki.ca.certificate], crls: [pki.caCrl] },
    });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(check(report, 'CERTIFICATE_CHAIN').detail).toBe('Tran Thi Binh → Test Issuing CA');
  });

  it('a signature timestamp over other data → INDETERMINATE / SIG_CONSTRAINTS_FAILURE, and no proof of time', () => {
    const report = verifyPdf(
      signed('rsa', { timestampBy: pki.tsa, timestampOver: Buffer.from('something else') }),
      { trust },
    );
    expect(summary(report)).toEqual(['INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE']);
    expect(check(report, 'TIMESTAMP').detail).toMatch(/MESSAGE_DIGEST: the message imprint differs/);
    expect(report.signatures[0].signingTimeSource).toBe('SIGNED_ATTRIBUTE');
  });

  it('a timestamp by a certificate without the timeStamping usage is not a proof of time', () => {
    const report = verifyPdf(signed('rsa', { timestampBy: pki.ecdsa }), { trust });
    expect(summary(report)).toEqual(['INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE']);
    expect(check(report, 'TIMESTAMP').detail).toMatch(/timeStamping/);
  });

  it('missing revocation data is never a pass: TRY_LATER', () => {
    const report = verifyPdf(signed('rsa'), { trust: { anchors: trust.anchors, crls: [] } });
    expect(summary(report)).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('a stale CRL (expired, issued before the signature) does not count', async () => {
    const stale = await createCrl(pki.ca, [], {
      thisUpdate: new Date(Date.now() - 30 * DAY_MS),
      nextUpdate: new Date(Date.now() - 20 * DAY_MS),
    });
    const report = verifyPdf(signed('rsa'), {
      trust: { anchors: trust.anchors, crls: [stale, pki.rootCrl] },
    });
    expect(summary(report)).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('without a timestamp only current revocation data counts (a backdated claim does not make an old CRL do)', async () => {
    const old = await createCrl(pki.ca, [], {
      thisUpdate: new Date(Date.now() - 30 * DAY_MS),
      nextUpdate: new Date(Date.now() - 20 * DAY_MS),
    });
    const backdated = signed('rsa', { signingTime: new Date(Date.now() - 60 * DAY_MS) });
    expect(
      summary(verifyPdf(backdated, { trust: { anchors: trust.anchors, crls: [old, pki.rootCrl] } })),
    ).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('a CRL signed by another key is ignored', async () => {
    const forged = await createCrl(pki.untrustedRoot, []);
    const report = verifyPdf(signed('rsa'), {
      trust: { anchors: trust.anchors, crls: [forged, pki.rootCrl] },
    });
    expect(summary(report)).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });
});

/** Replaces bytes in place (same length). */
const patch = (file: Uint8Array, at: number, text: string): Uint8Array => {
  const copy = Buffer.from(file);
  copy.write(text, at, 'latin1');
  return new Uint8Array(copy);
};

describe('OCSP responses embedded in the signature or the DSS', () => {
  // Only the root's CRL is configured: the signer's status must come from OCSP.
  const rootOnly = () => ({ anchors: trust.anchors, crls: [pki.rootCrl] });

  it('a good response from the issuing CA (adbe-revocationInfoArchival) → TOTAL_PASSED', () => {
    const ocsp = buildOcspResponse(pki.rsa, { issuer: pki.ca });
    const report = verifyPdf(signed('rsa', { archivedOcsps: [ocsp] }), { trust: rootOnly() });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(summary(verifyPdf(signed('rsa'), { trust: rootOnly() }))).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('a good response from a delegated responder in the DSS → TOTAL_PASSED', () => {
    const ocsp = buildOcspResponse(pki.ecdsa, { issuer: pki.ca, responder: pki.ocspResponder });
    const file = addDss(signed('ecdsa'), { certificates: [], crls: [], ocsps: [ocsp] });
    expect(summary(verifyPdf(file, { trust: rootOnly() }))).toEqual(['TOTAL_PASSED', undefined]);
  });

  it('a "revoked" response → INDETERMINATE / REVOKED_NO_POE', () => {
    const ocsp = buildOcspResponse(pki.rsa, { issuer: pki.ca, revokedAt: new Date(Date.now() - DAY_MS) });
    expect(summary(verifyPdf(signed('rsa', { archivedOcsps: [ocsp] }), { trust: rootOnly() }))).toEqual([
      'INDETERMINATE',
      'REVOKED_NO_POE',
    ]);
  });

  it('a response signed by a certificate the CA did not delegate, or a stale one, is not revocation data', () => {
    const forged = buildOcspResponse(pki.rsa, { issuer: pki.ca, responder: pki.ecdsa });
    const stale = buildOcspResponse(pki.rsa, {
      issuer: pki.ca,
      thisUpdate: new Date(Date.now() - 30 * DAY_MS),
      nextUpdate: new Date(Date.now() - 20 * DAY_MS),
    });
    for (const ocsp of [forged, stale]) {
      expect(summary(verifyPdf(signed('rsa', { archivedOcsps: [ocsp] }), { trust: rootOnly() }))).toEqual([
        'INDETERMINATE',
        'TRY_LATER',
      ]);
    }
  });
});

describe('tampering', () => {
  it('a byte flipped inside the signed range → TOTAL_FAILED / HASH_FAILURE', () => {
    const file = Buffer.from(signed('rsa'));
    // The binary comment on line 2 of the header: changes the bytes, not the structure.
    file[10] ^= 0x01;
    const report = verifyPdf(file, { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
    expect(check(report, 'MESSAGE_DIGEST').status).toBe('NOT_OK');
  });

  it('an incremental update that changes the page content → TOTAL_FAILED / FORMAT_FAILURE', () => {
    const file = signed('rsa');
    const document = PdfDocument.parse(file);
    const pages = document.resolveDict(document.catalog().get('Pages'))!;
    const pageRef = (document.resolve(pages.get('Kids')) as PdfRef[])[0];
    const page = document.resolveDict(pageRef)!;
    const contents = page.get('Contents') as PdfRef;
    const forged = appendIncrementalUpdate(file, [
      { num: contents.num, body: '<< /Length 33 >>\nstream\nBT /F1 24 Tf 72 700 Td (500) Tj ET\nendstream' },
    ]);
    const report = verifyPdf(forged, { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(check(report, 'MODIFICATIONS')).toMatchObject({ status: 'NOT_OK', failure: 'UNSIGNED_CHANGES' });
    expect(check(report, 'MESSAGE_DIGEST').status).toBe('OK');
  });

  it('metadata edits after signing (Info /ModDate, XMP) are allowed; another new object is not', () => {
    const file = signed('rsa');
    const document = PdfDocument.parse(file);
    const root = document.trailer.get('Root') as PdfRef;
    const catalog = new Map(document.catalog().entries);
    catalog.set('Metadata', new PdfRef(800, 0));
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>';
    const withXmp = appendIncrementalUpdate(file, [
      {
        num: 800,
        body: `<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`,
      },
      { num: root.num, body: serializePdfValue(new PdfDict(catalog, 0, 0)) },
    ]);
    expect(summary(verifyPdf(withXmp, { trust }))).toEqual(['TOTAL_PASSED', undefined]);
    catalog.set('Metadata', new PdfRef(801, 0));
    const withOther = appendIncrementalUpdate(file, [
      { num: 801, body: '<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>' },
      { num: root.num, body: serializePdfValue(new PdfDict(catalog, 0, 0)) },
    ]);
    const report = verifyPdf(withOther, { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(/new object 801 \(\/Action\)/);
  });

  it('a later update that removes a signature field is reported', () => {
    const file = signed('rsa');
    const document = PdfDocument.parse(file);
    const acroRef = document.catalog().get('AcroForm') as PdfRef;
    const acro = new Map(document.resolveDict(acroRef)!.entries);
    acro.set('Fields', []);
    const stripped = appendIncrementalUpdate(file, [
      { num: acroRef.num, body: serializePdfValue(new PdfDict(acro, 0, 0)) },
    ]);
    // The signature is no longer listed by the form, but its dictionary is still found and verified.
    const report = verifyPdf(stripped, { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(report.signatures).toHaveLength(1);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(/\/AcroForm\)?: \/Fields changed|\/Fields changed/);
  });

  it('a page content stream listed in a later DSS is still a content change', () => {
    const file = signed('rsa');
    const document = PdfDocument.parse(file);
    const pages = document.resolveDict(document.catalog().get('Pages'))!;
    const page = document.resolveDict((document.resolve(pages.get('Kids')) as PdfRef[])[0])!;
    const contents = page.get('Contents') as PdfRef;
    const root = document.trailer.get('Root') as PdfRef;
    const catalog = new Map(document.catalog().entries);
    catalog.set('DSS', new PdfRef(880, 0));
    const forged = appendIncrementalUpdate(file, [
      { num: 880, body: `<< /Certs [${contents.num} 0 R] >>` },
      { num: contents.num, body: '<< /Length 33 >>\nstream\nBT /F1 24 Tf 72 700 Td (500) Tj ET\nendstream' },
      { num: root.num, body: serializePdfValue(new PdfDict(catalog, 0, 0)) },
    ]);
    const report = verifyPdf(forged, { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(
      new RegExp(`object ${contents.num} \\[page 1 content\\] changed`),
    );
  });

  it('a shifted ByteRange → TOTAL_FAILED / FORMAT_FAILURE', () => {
    const file = signed('rsa');
    const text = Buffer.from(file).toString('latin1');
    const at = text.lastIndexOf('/ByteRange [');
    const [a, b, c, d] = /\[(\d+) +(\d+) +(\d+) +(\d+) *\]/.exec(text.slice(at))!.slice(1).map(Number);
    const shifted = `/ByteRange [${a} ${String(b + 2).padEnd(10)} ${String(c + 2).padEnd(10)} ${String(d - 2).padEnd(10)}]`;
    const report = verifyPdf(patch(file, at, shifted), { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(check(report, 'BYTE_RANGE').failure).toBe('BYTE_RANGE_INVALID');
  });

  it('empty /Contents → INDETERMINATE / FORMAT_FAILURE', () => {
    const file = signed('rsa');
    const text = Buffer.from(file).toString('latin1');
    const start = text.indexOf('<', text.lastIndexOf('/Contents <')) + 1;
    const end = text.indexOf('>', start);
    const report = verifyPdf(patch(file, start, '0'.repeat(end - start)), { trust });
    expect(summary(report)).toEqual(['INDETERMINATE', 'FORMAT_FAILURE']);
    expect(check(report, 'FORMAT').failure).toBe('CMS_UNREADABLE');
  });

  it('junk after %%EOF → TOTAL_FAILED / FORMAT_FAILURE', () => {
    const file = Buffer.concat([signed('rsa'), Buffer.from('<script>evil()</script>')]);
    const report = verifyPdf(file, { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(/after the last %%EOF/);
  });

  it('trailing whitespace after %%EOF is not a change', () => {
    const file = Buffer.concat([signed('rsa'), Buffer.from('\r\n\n  ')]);
    expect(summary(verifyPdf(file, { trust }))).toEqual(['TOTAL_PASSED', undefined]);
  });

  it('a swapped certificate → INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND', () => {
    const report = verifyPdf(signed('rsa', { embeddedSignerCertificate: pki.ecdsa }), { trust });
    expect(summary(report)).toEqual(['INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND']);
  });

  it('a signing-certificate attribute naming another certificate → INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND', () => {
    // Signed by the RSA signer, whose certificate is embedded, but the ESS attribute hashes another one.
    const file = signPdf(blank, {
      signer: pki.rsa,
      chain: [pki.ca],
      cms: (parts) => {
        const forged = { ...pki.rsa, certificate: pki.ecdsa.certificate };
        const der = buildCms(parts, { signer: forged, chain: [pki.ca], embeddedSignerCertificate: pki.rsa });
        return der;
      },
    });
    expect(summary(verifyPdf(file, { trust }))).toEqual(['INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND']);
  });

  it('a corrupted signature value → TOTAL_FAILED / SIG_CRYPTO_FAILURE', () => {
    const file = signPdf(blank, {
      signer: pki.rsa,
      chain: [pki.ca],
      cms: (parts) => {
        const der = buildCms(parts, { signer: pki.rsa, chain: [pki.ca] });
        const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(der).result });
        const data = new pkijs.SignedData({ schema: info.content });
        const value = new Uint8Array(data.signerInfos[0].signature.valueBlock.valueHexView);
        value[10] ^= 0xff;
        data.signerInfos[0].signature = new asn1js.OctetString({ valueHex: value });
        return new Uint8Array(
          new pkijs.ContentInfo({ contentType: info.contentType, content: data.toSchema(true) })
            .toSchema()
            .toBER(),
        );
      },
    });
    const report = verifyPdf(file, { trust });
    expect(summary(report)).toEqual(['TOTAL_FAILED', 'SIG_CRYPTO_FAILURE']);
  });

  it('wrong detached content → TOTAL_FAILED / HASH_FAILURE', () => {
    const signature = buildCms([Buffer.from('bản gốc')], { signer: pki.ecdsa, chain: [pki.ca] });
    expect(summary(verifyDetached(Buffer.from('bản sửa'), signature, { trust }))).toEqual([
      'TOTAL_FAILED',
      'HASH_FAILURE',
    ]);
  });

  it('a second signature after a DocMDP P=1 certification → the certification fails', () => {
    const certified = signed('rsa', { docMdp: 1 });
    const report = verifyPdf(signPdf(certified, { signer: pki.ecdsa, chain: [pki.ca] }), { trust });
    expect(report.signatures.map((s) => [s.indication, s.subIndication])).toEqual([
      ['TOTAL_FAILED', 'FORMAT_FAILURE'],
      ['TOTAL_PASSED', undefined],
    ]);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(/P=1/);
  });

  it('a DocMDP P=1 certification still allows a document timestamp', () => {
    const certified = signed('rsa', { docMdp: 1 });
    const report = verifyPdf(signPdf(certified, { kind: 'timestamp', tsa: pki.tsa, chain: [pki.ca] }), {
      trust,
    });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
  });
});

describe('DocMDP permissions', () => {
  /** A page with a text field "HoTen" (value "Nguyen"), as a form to certify. */
  let form: Uint8Array;
  const pageOf = (file: Uint8Array) => {
    const document = PdfDocument.parse(file);
    const pages = document.resolveDict(document.catalog().get('Pages'))!;
    const ref = (document.resolve(pages.get('Kids')) as PdfRef[])[0];
    return { document, ref, dict: document.resolveDict(ref)! };
  };
  const withEntries = (dict: PdfDict, changes: Record<string, PdfValue>) => {
    const entries = new Map(dict.entries);
    for (const [key, value] of Object.entries(changes)) entries.set(key, value);
    return serializePdfValue(new PdfDict(entries, 0, 0));
  };
  const fieldNum = 700;

  beforeAll(() => {
    const { document, ref, dict } = pageOf(blank);
    const root = document.trailer.get('Root') as PdfRef;
    form = appendIncrementalUpdate(blank, [
      {
        num: fieldNum,
        body: `<< /Type /Annot /Subtype /Widget /FT /Tx /T (HoTen) /V (Nguyen) /Rect [50 50 200 70] /P ${ref.num} 0 R >>`,
      },
      { num: fieldNum + 1, body: `<< /Fields [${fieldNum} 0 R] >>` },
      { num: root.num, body: withEntries(document.catalog(), { AcroForm: new PdfRef(fieldNum + 1, 0) }) },
      { num: ref.num, body: withEntries(dict, { Annots: [new PdfRef(fieldNum, 0)] }) },
    ]);
  });

  const fillIn = (file: Uint8Array) =>
    appendIncrementalUpdate(file, [
      {
        num: fieldNum,
        body: `<< /Type /Annot /Subtype /Widget /FT /Tx /T (HoTen) /V (Tran) /Rect [50 50 200 70] /P ${pageOf(file).ref.num} 0 R >>`,
      },
    ]);
  const annotate = (file: Uint8Array) => {
    const { ref, dict, document } = pageOf(file);
    const annots = (document.resolve(dict.get('Annots')) as PdfValue[]) ?? [];
    return appendIncrementalUpdate(file, [
      { num: 750, body: '<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents (Ghi chu) >>' },
      { num: ref.num, body: withEntries(dict, { Annots: [...annots, new PdfRef(750, 0)] }) },
    ]);
  };
  const outcome = (file: Uint8Array) => summary(verifyPdf(file, { trust }));

  it('P=2 and an approval signature (nothing restricts it) permit filling in a form field; P=1 does not', () => {
    const sign = (docMdp?: 1 | 2 | 3) => signPdf(form, { signer: pki.rsa, chain: [pki.ca], docMdp });
    expect(outcome(fillIn(sign(2)))).toEqual(['TOTAL_PASSED', undefined]);
    expect(outcome(fillIn(sign(1)))).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
    const approval = verifyPdf(fillIn(sign()), { trust });
    expect(summary(approval)).toEqual(['TOTAL_PASSED', undefined]);
    expect(check(approval, 'MODIFICATIONS').detail).toMatch(
      /form field filled in \(no certification restricts it\)/,
    );
  });

  it('P=3 permits adding an annotation; P=2 does not', () => {
    const sign = (docMdp: 2 | 3) => signPdf(form, { signer: pki.rsa, chain: [pki.ca], docMdp });
    const report = verifyPdf(annotate(sign(3)), { trust });
    expect(summary(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(check(report, 'MODIFICATIONS').detail).toMatch(/annotation added \(DocMDP P=3\)/);
    expect(outcome(annotate(sign(2)))).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
  });

  it('P=2 still reports a change of page content', () => {
    const certified = signPdf(form, { signer: pki.rsa, chain: [pki.ca], docMdp: 2 });
    const { dict } = pageOf(certified);
    const contents = dict.get('Contents') as PdfRef;
    const forged = appendIncrementalUpdate(certified, [
      { num: contents.num, body: '<< /Length 0 >>\nstream\n\nendstream' },
    ]);
    expect(outcome(forged)).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
  });
});

describe('hostile and unsigned input', () => {
  it('not a PDF → INDETERMINATE / FORMAT_FAILURE with the reason', () => {
    const report = verifyPdf(Buffer.from('GIF89a...'), { trust });
    expect(summary(report)).toEqual(['INDETERMINATE', 'FORMAT_FAILURE']);
    expect(report.problem).toMatch(/MALFORMED/);
  });

  it('deep nesting (an update whose catalog nests 5000 arrays) → INDETERMINATE / FORMAT_FAILURE', () => {
    const file = signed('rsa');
    const document = PdfDocument.parse(file);
    const root = document.trailer.get('Root') as PdfRef;
    const catalog = serializePdfValue(document.catalog()).replace(
      />>$/,
      ` /X ${'['.repeat(5000)}${']'.repeat(5000)} >>`,
    );
    const report = verifyPdf(appendIncrementalUpdate(file, [{ num: root.num, body: catalog }]), { trust });
    expect(summary(report)).toEqual(['INDETERMINATE', 'FORMAT_FAILURE']);
    expect(report.problem).toMatch(/^LIMIT_EXCEEDED: nesting too deep/);
  });

  it('an unsigned PDF → INDETERMINATE / SIGNED_DATA_NOT_FOUND', () => {
    expect(summary(verifyPdf(blank, { trust }))).toEqual(['INDETERMINATE', 'SIGNED_DATA_NOT_FOUND']);
  });

  it('random corruption never throws: always a report', () => {
    const file = signed('ecdsa');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 60; round += 1) {
      const copy = Buffer.from(file);
      for (let k = 0; k < 4; k += 1) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      const report = verifyPdf(copy, { trust });
      expect(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']).toContain(report.indication);
    }
  });
});

describe('failure table', () => {
  it('the service README carries the same table as the code', () => {
    // Compared cell by cell: prettier pads markdown tables.
    const normalise = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) =>
          line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+$/, '---'))
            .join('|'),
        );
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(normalise(readme)).toEqual(expect.arrayContaining(normalise(failureTableMarkdown())));
    expect(
      normalise(readme).filter((line) => /^\|`[A-Z_]+`\|(TOTAL_FAILED|INDETERMINATE)\|/.test(line)),
    ).toHaveLength(normalise(failureTableMarkdown()).length - 2);
  });
});
