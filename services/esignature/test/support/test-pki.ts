// The test PKI of @motcua/test-pki bound to esignature's own Certificate and RevocationList classes, for
// esignature's unit and integration tests and the e2e tests.
import * as pki from '@motcua/test-pki';
import { Certificate, RevocationList } from '../../src/verification/certificates';

export const esignatureCodec: pki.PkiCodec<Certificate, RevocationList> = {
  certificate: (der) => Certificate.fromDer(der),
  crl: (der) => RevocationList.fromDer(der),
};

export type Issued = pki.Issued<Certificate>;
export type TestPki = pki.TestPki<Certificate, RevocationList>;

export const createTestPki = (): Promise<TestPki> => pki.createTestPki(esignatureCodec);
export const createRoot = (name: string, options?: pki.IssueOptions): Promise<Issued> =>
  pki.createRoot(esignatureCodec, name, options);
export const issue = (issuer: Issued, name: string, options?: pki.IssueOptions): Promise<Issued> =>
  pki.issue(esignatureCodec, issuer, name, options);
export const createCrl = (
  issuer: Issued,
  revoked: { certificate: Certificate; at: Date }[],
  options?: { thisUpdate?: Date; nextUpdate?: Date },
): Promise<RevocationList> => pki.createCrl(esignatureCodec, issuer, revoked, options);

export { DAY_MS } from '@motcua/test-pki';
