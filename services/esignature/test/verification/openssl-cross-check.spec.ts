import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPdf, signPdf } from '@motcua/test-pki';
import { createTestPki, type Issued, type TestPki } from '../support/test-pki';
import { verifyDetached, verifyPdf } from '../../src/verification/verifier';

const opensslAvailable = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

if (!opensslAvailable) {
  console.warn('openssl CLI not found: the openssl cms cross-check is skipped');
}
const describeWithOpenssl = opensslAvailable ? describe : describe.skip;

describeWithOpenssl('cross-check with signatures made by openssl cms', () => {
  let pki: TestPki;
  let dir: string;

  beforeAll(async () => {
    pki = await createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'esignature-openssl-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pem = (issued: Issued) => issued.certificate.node.toString();
  const opensslSign = (content: Uint8Array, signer: Issued, extra: string[] = []): Uint8Array => {
    writeFileSync(join(dir, 'content.bin'), content);
    writeFileSync(join(dir, 'signer.pem'), pem(signer));
    writeFileSync(join(dir, 'key.pem'), signer.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'chain.pem'), pem(pki.ca));
    execFileSync('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-md',
      'sha256',
      '-in',
      join(dir, 'content.bin'),
      '-signer',
      join(dir, 'signer.pem'),
      '-inkey',
      join(dir, 'key.pem'),
      '-certfile',
      join(dir, 'chain.pem'),
      '-outform',
      'DER',
      '-out',
      join(dir, 'signature.der'),
      ...extra,
    ]);
    return new Uint8Array(readFileSync(join(dir, 'signature.der')));
  };

  it('a detached signature made with `openssl cms -sign` verifies as TOTAL_PASSED', () => {
    const content = Buffer.from('Quyết định cấp giấy phép xây dựng');
    const report = verifyDetached(content, opensslSign(content, pki.rsa), {
      trust: { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] },
    });
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_PASSED', undefined]);
  });

  it('a streamed (BER, indefinite-length) `openssl cms -sign -stream` signature verifies as TOTAL_PASSED', () => {
    const content = Buffer.from('Văn bản ký theo luồng');
    const signature = opensslSign(content, pki.ecdsa, ['-stream']);
    // Indefinite length: the outer SEQUENCE starts 30 80.
    expect(Buffer.from(signature.subarray(0, 2)).toString('hex')).toBe('3080');
    const report = verifyDetached(content, signature, {
      trust: { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] },
    });
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_PASSED', undefined]);
  });

  it('a PAdES signature whose CMS is made by `openssl cms -sign -cades` verifies as TOTAL_PASSED', async () => {
    const pdf = signPdf(await createPdf(1), {
      signer: pki.ecdsa,
      cms: (parts) => opensslSign(Buffer.concat(parts), pki.ecdsa, ['-cades']),
    });
    const report = verifyPdf(pdf, {
      trust: { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] },
    });
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_PASSED', undefined]);
    expect(report.signatures[0].checks.find((check) => check.name === 'SIGNING_CERTIFICATE')?.detail).toMatch(
      /attribute matches/,
    );
  });
});
