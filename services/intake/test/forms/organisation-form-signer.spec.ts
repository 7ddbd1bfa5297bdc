import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { developmentCaPaths, ensureDevelopmentCa } from '@motcua/dev-stack';
import { DAY_MS } from '@motcua/pdf';
import { createPdf } from '@motcua/test-pki';
import type { AgencyService } from '../../src/agencies/agency.service';
import type { IntakeConfig } from '../../src/config/intake.config';
import {
  FormSigningUnavailable,
  OrganisationFormSigner,
} from '../../src/forms/signing/organisation-form-signer';

describe('OrganisationFormSigner', () => {
  let dir: string;
  const agencies = {
    get: async (code: string) => ({ code, name: 'Sở Tư pháp, tỉnh Hà Giang' }),
  } as unknown as AgencyService;
  const signerWith = (config: Partial<IntakeConfig>) =>
    new OrganisationFormSigner(
      { FORM_SIGNING_DIR: '', FORM_SIGNING_DEV_CA_DIR: '', ...config } as IntakeConfig,
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
