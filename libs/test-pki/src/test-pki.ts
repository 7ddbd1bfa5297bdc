// A real PKI built at test time (root → issuing CA → signers, a TSA, CRLs) for unit, integration and
// e2e tests and the benchmark. Test-only (tag type:test-lib): no service's src may import it. The issuance
// itself is the product's (libs/pdf signing/certificates), so tests sign with the code the forms use.
import * as x509 from '@peculiar/x509';
import {
  createCrl,
  createRoot,
  DAY_MS as DAY,
  issue,
  type CertificateLike,
  type CrlLike,
  type Issued,
  type PkiCodec,
} from '@motcua/pdf';

/** Everything the tests need: trusted and untrusted roots, an issuing CA, signers of each kind, a TSA and CRLs. */
export interface TestPki<C extends CertificateLike = CertificateLike, L extends CrlLike = CrlLike> {
  root: Issued<C>;
  ca: Issued<C>;
  rsa: Issued<C>;
  ecdsa: Issued<C>;
  expired: Issued<C>;
  notYetValid: Issued<C>;
  revoked: Issued<C>;
  wrongUsage: Issued<C>;
  rsa1024: Issued<C>;
  tsa: Issued<C>;
  /** A delegated OCSP responder of the issuing CA (id-kp-OCSPSigning). */
  ocspResponder: Issued<C>;
  untrustedRoot: Issued<C>;
  untrusted: Issued<C>;
  caCrl: L;
  rootCrl: L;
  revokedAt: Date;
}

export async function createTestPki<C extends CertificateLike, L extends CrlLike>(
  codec: PkiCodec<C, L>,
): Promise<TestPki<C, L>> {
  const root = await createRoot(codec, 'Test Root CA');
  const ca = await issue(codec, root, 'Test Issuing CA', { ca: true, key: { type: 'rsa', bits: 2048 } });
  const rsa = await issue(codec, ca, 'Nguyen Van An');
  const ecdsa = await issue(codec, ca, 'Tran Thi Binh', { key: { type: 'ec', curve: 'P-256' } });
  const expired = await issue(codec, ca, 'Expired Signer', {
    key: { type: 'ec', curve: 'P-256' },
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - 30 * DAY),
  });
  const notYetValid = await issue(codec, ca, 'Future Signer', {
    key: { type: 'ec', curve: 'P-256' },
    notBefore: new Date(Date.now() + 30 * DAY),
    notAfter: new Date(Date.now() + 400 * DAY),
  });
  const revoked = await issue(codec, ca, 'Revoked Signer', { key: { type: 'ec', curve: 'P-256' } });
  const wrongUsage = await issue(codec, ca, 'Encryption Only', {
    key: { type: 'ec', curve: 'P-256' },
    keyUsage: x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement,
  });
  const rsa1024 = await issue(codec, ca, 'Weak Key Signer', { key: { type: 'rsa', bits: 1024 } });
  const tsa = await issue(codec, ca, 'Test TSA', {
    key: { type: 'ec', curve: 'P-256' },
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.8'],
  });
  const ocspResponder = await issue(codec, ca, 'Test OCSP Responder', {
    key: { type: 'ec', curve: 'P-256' },
    keyUsage: x509.KeyUsageFlags.digitalSignature,
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.9'],
  });
  const untrustedRoot = await createRoot(codec, 'Untrusted Root');
  const untrusted = await issue(codec, untrustedRoot, 'Stranger', { key: { type: 'ec', curve: 'P-256' } });
  const revokedAt = new Date(Date.now() - 2 * DAY);
  const caCrl = await createCrl(codec, ca, [{ certificate: revoked.certificate, at: revokedAt }]);
  const rootCrl = await createCrl(codec, root, []);
  return {
    root,
    ca,
    rsa,
    ecdsa,
    expired,
    notYetValid,
    revoked,
    wrongUsage,
    rsa1024,
    tsa,
    ocspResponder,
    untrustedRoot,
    untrusted,
    caCrl,
    rootCrl,
    revokedAt,
  };
}
