import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import * as x509 from '@peculiar/x509';
import { createPdf, signPdf } from '@motcua/test-pki';
import { createCrl, createTestPki, issue, type Issued, type TestPki } from '../support/test-pki';
import { verifyPdf } from '../../src/verification/verifier';

// RFC 5280 §6.1: unrecognised critical extensions, name constraints and policies decide the path.
let pki: TestPki;
let blank: Uint8Array;

beforeAll(async () => {
  pki = await createTestPki();
  blank = await createPdf(1);
});

const DN = (name: string) => `CN=${name}, O=Bo Test, C=VN`;
const rdns = (dn: string) =>
  new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(new x509.Name(dn).toArrayBuffer()).result });
const subtrees = (dns: string[]) =>
  dns.map((dn) => new pkijs.GeneralSubtree({ base: new pkijs.GeneralName({ type: 4, value: rdns(dn) }) }));
const nameConstraints = (permitted: string[], excluded: string[] = []) =>
  new x509.Extension(
    '2.5.29.30',
    true,
    new pkijs.NameConstraints({
      ...(permitted.length ? { permittedSubtrees: subtrees(permitted) } : {}),
      ...(excluded.length ? { excludedSubtrees: subtrees(excluded) } : {}),
    })
      .toSchema()
      .toBER(),
  );
const policies = (...oids: string[]) =>
  new x509.Extension(
    '2.5.29.32',
    false,
    new pkijs.CertificatePolicies({
      certificatePolicies: oids.map((oid) => new pkijs.PolicyInformation({ policyIdentifier: oid })),
    })
      .toSchema()
      .toBER(),
  );
const requireExplicit = new x509.Extension(
  '2.5.29.36',
  true,
  new asn1js.Sequence({
    value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: new Uint8Array([0]) })],
  }).toBER(),
);

/** Signs with `signer` issued by `ca` (itself under the test root) and returns the KEY_USAGE check. */
async function keyUsageCheck(ca: Issued, signer: Issued) {
  const trust = {
    anchors: [pki.root.certificate],
    crls: [await createCrl(ca, []), pki.rootCrl],
  };
  const report = verifyPdf(signPdf(blank, { signer, chain: [ca] }), { trust });
  return report.signatures[0].checks.find((check) => check.name === 'KEY_USAGE')!;
}

const constrainedCa = (...extensions: x509.Extension[]) =>
  issue(pki.root, `CA ${Math.random()}`, { ca: true, key: { type: 'ec', curve: 'P-256' }, extensions });

describe('RFC 5280 path constraints', () => {
  it('an unrecognised critical extension fails the path; a non-critical one does not', async () => {
    const unknown = (critical: boolean) =>
      new x509.Extension('1.3.6.1.4.1.99999.1', critical, new asn1js.Null().toBER());
    const critical = await issue(pki.ca, 'Critical Signer', {
      key: { type: 'ec', curve: 'P-256' },
      extensions: [unknown(true)],
    });
    const plain = await issue(pki.ca, 'Plain Signer', {
      key: { type: 'ec', curve: 'P-256' },
      extensions: [unknown(false)],
    });
    expect(await keyUsageCheck(pki.ca, critical)).toMatchObject({
      status: 'NOT_OK',
      failure: 'CHAIN_CONSTRAINTS',
      detail: expect.stringMatching(/unrecognised critical extension 1\.3\.6\.1\.4\.1\.99999\.1/),
    });
    expect((await keyUsageCheck(pki.ca, plain)).status).toBe('OK');
  });

  it('name constraints: a signer inside the permitted subtree passes, outside or excluded fails', async () => {
    const ca = await constrainedCa(nameConstraints([DN('Nguyen Van An')]));
    const inside = await issue(ca, 'Nguyen Van An', { key: { type: 'ec', curve: 'P-256' } });
    const outside = await issue(ca, 'Tran Thi Binh', { key: { type: 'ec', curve: 'P-256' } });
    expect((await keyUsageCheck(ca, inside)).status).toBe('OK');
    expect(await keyUsageCheck(ca, outside)).toMatchObject({
      status: 'NOT_OK',
      detail: expect.stringMatching(/Tran Thi Binh is outside the subtrees/),
    });
    const excluding = await constrainedCa(nameConstraints([], [DN('Le Van Cuong')]));
    const excluded = await issue(excluding, 'Le Van Cuong', { key: { type: 'ec', curve: 'P-256' } });
    expect(await keyUsageCheck(excluding, excluded)).toMatchObject({
      status: 'NOT_OK',
      detail: expect.stringMatching(/Le Van Cuong is in a subtree .* excludes/),
    });
  });

  it('policies: with requireExplicitPolicy the path needs a policy valid all the way down', async () => {
    const ca = await constrainedCa(requireExplicit, policies('1.2.704.1.1'));
    const matching = await issue(ca, 'Policy Signer', {
      key: { type: 'ec', curve: 'P-256' },
      extensions: [policies('1.2.704.1.1')],
    });
    const other = await issue(ca, 'Other Policy', {
      key: { type: 'ec', curve: 'P-256' },
      extensions: [policies('1.2.704.9.9')],
    });
    const none = await issue(ca, 'No Policy', { key: { type: 'ec', curve: 'P-256' } });
    expect((await keyUsageCheck(ca, matching)).status).toBe('OK');
    expect((await keyUsageCheck(ca, other)).detail).toMatch(/no certificate policy is valid/);
    expect((await keyUsageCheck(ca, none)).detail).toMatch(/no certificate policy is valid/);
    // Without requireExplicitPolicy, policies do not decide.
    const lax = await constrainedCa(policies('1.2.704.1.1'));
    expect(
      (await keyUsageCheck(lax, await issue(lax, 'Lax', { key: { type: 'ec', curve: 'P-256' } }))).status,
    ).toBe('OK');
  });
});
