import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { developmentCaPaths, ensureDevelopmentCa } from '@motcua/dev-stack';
import {
  createCrl,
  createRoot,
  DAY_MS,
  DER_CODEC,
  issue,
  OID,
  privateKeyPem,
  toPem,
  type CertificateLike,
} from '@motcua/pdf';
import { createPdf, startTestTsa } from '@motcua/test-pki';
import type { AgencyService } from '../../src/agencies/agency.service';
import type { IntakeConfig } from '../../src/config/intake.config';
import {
  FormSigningUnavailable,
  FormTimestampUnavailable,
  OrganisationFormSigner,
} from '../../src/forms/signing/organisation-form-signer';

describe('OrganisationFormSigner', () => {
  let dir: string;
  const agencies = {
    get: async (code: string) => ({ code, name: 'Sở Tư pháp, tỉnh Hà Giang' }),
  } as unknown as AgencyService;
  const signerWith = (config: Partial<IntakeConfig>) =>
    new OrganisationFormSigner(
      {
        FORM_SIGNING_DIR: '',
        FORM_SIGNING_DEV_CA_DIR: '',
        FORM_SIGNING_TSA_URL: '',
        FORM_SIGNING_TSA_USERNAME: '',
        FORM_SIGNING_TSA_PASSWORD: '',
        FORM_SIGNING_TSA_TIMEOUT_MS: 5_000,
        ...config,
      } as IntakeConfig,
      agencies,
    );
  const certificateHex = (pemFile: string) => {
    const pem = readFileSync(pemFile, 'utf8').match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/,
    )![0];
    return Buffer.from(new x509.X509Certificate(pem).rawData).toString('hex');
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-signer-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('signs by incremental update with the agency certificate the development CA issued once for every instance', async () => {
    const ca = await ensureDevelopmentCa(join(dir, 'ca'));
    const pdf = Buffer.from(await createPdf(1, 'Giấy tiếp nhận hồ sơ'));
    const request = { agencyCode: '000.00.12.H49', pdf, reason: 'Mẫu 01', signedAt: new Date() };
    const first = await signerWith({ FORM_SIGNING_DEV_CA_DIR: ca.dir }).sign(request);
    const second = await signerWith({ FORM_SIGNING_DEV_CA_DIR: ca.dir }).sign(request);
    expect(first.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const agencyCertificate = join(ca.dir, 'agencies', '000.00.12.H49.pem');
    const hex = certificateHex(agencyCertificate);
    expect(first.toString('latin1')).toContain(hex);
    expect(second.toString('latin1')).toContain(hex);
    const subject = new x509.X509Certificate(
      readFileSync(agencyCertificate, 'utf8').match(
        /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/,
      )![0],
    ).subject;
    // The comma of the agency's name is escaped, not a second attribute.
    expect(subject).toContain('OU=000.00.12.H49');
    expect(subject).toContain('Sở Tư pháp\\, tỉnh Hà Giang');
    // The CA's CRL travels in the signature (adbe-revocationInfoArchival), so pinning the CA is enough.
    const crlHex = Buffer.from(
      new x509.X509Crl(readFileSync(developmentCaPaths(ca.dir).crl, 'utf8')).rawData,
    ).toString('hex');
    expect(first.toString('latin1')).toContain(crlHex);
  });

  it('makes room for a large CRL of the agency CA (a national CA runs far past the default reserve)', async () => {
    const root = await createRoot(DER_CODEC, 'Large CRL CA', { key: { type: 'ec', curve: 'P-256' } });
    const agency = await issue(DER_CODEC, root, 'Sở Tư pháp', { key: { type: 'ec', curve: 'P-256' } });
    const revoked = Array.from({ length: 1000 }, (_, i) => ({
      certificate: { serialNumber: (0x100000 + i).toString(16) } as unknown as CertificateLike,
      at: new Date(Date.now() - DAY_MS),
    }));
    const crl = await createCrl(DER_CODEC, root, revoked);
    expect(crl.der.length).toBeGreaterThan(30_000);
    const secret = join(dir, 'large-crl', '000.00.12.H49');
    mkdirSync(secret, { recursive: true });
    writeFileSync(join(secret, 'key.pem'), privateKeyPem(agency));
    writeFileSync(join(secret, 'cert.pem'), toPem(agency.certificate.der, 'CERTIFICATE'));
    writeFileSync(join(secret, 'ca.crl'), toPem(crl.der, 'X509 CRL'));
    const pdf = Buffer.from(await createPdf(1));
    const signed = await signerWith({ FORM_SIGNING_DIR: join(dir, 'large-crl') }).sign({
      agencyCode: '000.00.12.H49',
      pdf,
      reason: 'Mẫu 01',
      signedAt: new Date(),
    });
    expect(signed.toString('latin1')).toContain(Buffer.from(crl.der).toString('hex'));
  }, 60_000);

  it('refuses, retryably, an agency without credentials, an unsafe code and a missing configuration', async () => {
    const pdf = Buffer.from(await createPdf(1));
    const request = { pdf, reason: 'Mẫu 02', signedAt: new Date() };
    await expect(
      signerWith({ FORM_SIGNING_DIR: join(dir, 'secrets') }).sign({
        ...request,
        agencyCode: '000.00.12.H49',
      }),
    ).rejects.toBeInstanceOf(FormSigningUnavailable);
    await expect(
      signerWith({ FORM_SIGNING_DEV_CA_DIR: join(dir, 'ca') }).sign({ ...request, agencyCode: '../../etc' }),
    ).rejects.toBeInstanceOf(FormSigningUnavailable);
    const none = signerWith({});
    expect(none.configured).toBe(false);
    await expect(none.sign({ ...request, agencyCode: '000.00.12.H49' })).rejects.toBeInstanceOf(
      FormSigningUnavailable,
    );
  });

  it('with a timestamp authority, signs B-T: the TSA token over the signature value in the unsigned attributes', async () => {
    const ca = await ensureDevelopmentCa(join(dir, 'ca'));
    const tsa = await startTestTsa();
    try {
      const pdf = Buffer.from(await createPdf(1, 'Phiếu kiểm soát quá trình giải quyết hồ sơ'));
      const signed = await signerWith({
        FORM_SIGNING_DEV_CA_DIR: ca.dir,
        FORM_SIGNING_TSA_URL: tsa.url,
        FORM_SIGNING_TSA_USERNAME: 'motcua-intake',
        FORM_SIGNING_TSA_PASSWORD: 'bí-mật',
      }).sign({ agencyCode: '000.00.12.H49', pdf, reason: 'Mẫu 06', signedAt: new Date() });
      expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true);
      expect(tsa.requests).toHaveLength(1);
      expect(tsa.requests[0].authorization).toBe(
        `Basic ${Buffer.from('motcua-intake:bí-mật').toString('base64')}`,
      );
      const hex = /\/Contents <([0-9a-f]+)>/.exec(signed.toString('latin1', pdf.length))![1];
      const content = new pkijs.ContentInfo({
        schema: asn1js.fromBER(Buffer.from(hex.replace(/(00)+$/, ''), 'hex')).result,
      });
      const signerInfo = new pkijs.SignedData({ schema: content.content }).signerInfos[0];
      const [attribute] = signerInfo.unsignedAttrs!.attributes;
      expect(attribute.type).toBe(OID.signatureTimeStamp);
      const signatureValue = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
      expect(tsa.requests[0].imprint).toEqual(createHash('sha256').update(signatureValue).digest());
      // The token the TSA signed is in the signature as it was (its TSA certificate included).
      expect(Buffer.from(attribute.values[0].toBER()).toString('hex')).toContain(
        Buffer.from(tsa.tsa.certificate.der).toString('hex'),
      );
    } finally {
      await tsa.stop();
    }
  });

  it('with a timestamp authority that is down, slow or answers garbage, refuses retryably instead of signing B-B', async () => {
    const ca = await ensureDevelopmentCa(join(dir, 'ca'));
    const tsa = await startTestTsa();
    const pdf = Buffer.from(await createPdf(1));
    const request = { agencyCode: '000.00.12.H49', pdf, reason: 'Mẫu 02', signedAt: new Date() };
    const signer = signerWith({
      FORM_SIGNING_DEV_CA_DIR: ca.dir,
      FORM_SIGNING_TSA_URL: tsa.url,
      FORM_SIGNING_TSA_TIMEOUT_MS: 300,
    });
    try {
      for (const behaviour of ['garbage', 'rejection', 'wrongNonce', 'silent', 'httpError'] as const) {
        tsa.behaviour = behaviour;
        const error: unknown = await signer.sign(request).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect({ behaviour, refused: error instanceof FormTimestampUnavailable }).toEqual({
          behaviour,
          refused: true,
        });
        expect((error as FormTimestampUnavailable).getStatus()).toBe(503);
      }
    } finally {
      await tsa.stop();
    }
    // The TSA gone altogether.
    await expect(signer.sign(request)).rejects.toBeInstanceOf(FormTimestampUnavailable);
  });

  it('keeps the development CA across starts and renews its CRL once half of its validity has passed', async () => {
    const caDir = join(dir, 'renewal');
    const start = new Date('2026-12-01T00:00:00Z');
    await ensureDevelopmentCa(caDir, start);
    const paths = developmentCaPaths(caDir);
    const certificate = readFileSync(paths.certificate, 'utf8');
    const crl = readFileSync(paths.crl, 'utf8');
    await ensureDevelopmentCa(caDir, new Date(start.getTime() + 10 * DAY_MS));
    expect(readFileSync(paths.crl, 'utf8')).toBe(crl);
    await ensureDevelopmentCa(caDir, new Date(start.getTime() + 16 * DAY_MS));
    expect(readFileSync(paths.certificate, 'utf8')).toBe(certificate);
    const renewed = new x509.X509Crl(readFileSync(paths.crl, 'utf8'));
    expect(renewed.thisUpdate.getTime()).toBeGreaterThan(start.getTime() + 15 * DAY_MS);
    expect(renewed.nextUpdate!.getTime()).toBeGreaterThan(start.getTime() + 45 * DAY_MS);
  });
});
