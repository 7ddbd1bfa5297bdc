import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createPdf, startTestTsa, type TestTsa } from '@motcua/test-pki';
import { DER_CODEC, OID, createRoot, issue, requestTimestamp, signPdfAsync, TimestampError } from '../src';

/** The RFC 3161 client against a real HTTP TSA (libs/test-pki), well-behaved and not. */
describe('requestTimestamp (RFC 3161 over HTTP)', () => {
  let tsa: TestTsa;
  const signatureValue = new Uint8Array(Buffer.from('une valeur de signature, 64 octets environ'));
  const ask = (overrides: { timeoutMs?: number; username?: string; password?: string } = {}) =>
    requestTimestamp(signatureValue, { url: tsa.url, timeoutMs: 5_000, ...overrides });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimestampError);
    return error as TimestampError;
  };
  const failure = async (promise: Promise<unknown>) => (await refusal(promise)).failure;
  const tstInfoOf = (token: Uint8Array) => {
    const content = new pkijs.ContentInfo({ schema: asn1js.fromBER(token).result });
    const signed = new pkijs.SignedData({ schema: content.content });
    expect(signed.encapContentInfo.eContentType).toBe(OID.tstInfo);
    return new pkijs.TSTInfo({
      schema: asn1js.fromBER(signed.encapContentInfo.eContent!.getValue()).result,
    });
  };

  beforeAll(async () => {
    tsa = await startTestTsa();
  });
  afterAll(() => tsa.stop());
  beforeEach(() => {
    tsa.behaviour = 'granted';
    tsa.requests.length = 0;
  });

  it('sends a SHA-256 imprint of the signature value, a random nonce and certReq, and returns the granted token', async () => {
    const token = await ask();
    const second = await ask();
    expect(tsa.requests).toHaveLength(2);
    const [first, next] = tsa.requests;
    expect(first.imprint).toEqual(createHash('sha256').update(signatureValue).digest());
    expect(first.certReq).toBe(true);
    expect(first.nonce).toBeDefined();
    expect(next.nonce).not.toBe(first.nonce);
    const info = tstInfoOf(token);
    expect(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(first.imprint);
    expect(BigInt(`0x${Buffer.from(info.nonce!.valueBlock.valueHexView).toString('hex')}`)).toBe(first.nonce);
    expect(tstInfoOf(second).genTime).toBeInstanceOf(Date);
    expect(first.authorization).toBeUndefined();
    // The test TSA is a real one: its certificate is reserved for timestamping (critical EKU), under its own root.
    const certificate = new x509.X509Certificate(tsa.tsa.certificate.der);
    const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension)!;
    expect({ critical: eku.critical, usages: eku.usages }).toEqual({
      critical: true,
      usages: ['1.3.6.1.5.5.7.3.8'],
    });
    expect(certificate.issuer).toBe(new x509.X509Certificate(tsa.root.certificate.der).subject);
  });

  it('accepts grantedWithMods, and sends basic authentication when configured', async () => {
    tsa.behaviour = 'grantedWithMods';
    await ask({ username: 'motcua', password: 'mật-khẩu' });
    expect(tsa.requests[0].authorization).toBe(`Basic ${Buffer.from('motcua:mật-khẩu').toString('base64')}`);
  });

  it('refuses a rejection status, a wrong nonce, a missing nonce, a wrong imprint, a broken signature, garbage, a huge reply and an HTTP error', async () => {
    tsa.behaviour = 'rejection';
    await expect(ask()).rejects.toThrow(/status rejection \(badAlg\)/);
    for (const [behaviour, expected, why] of [
      ['wrongNonce', 'MISMATCH', /nonce/],
      ['noNonce', 'MISMATCH', /nonce/],
      ['wrongImprint', 'MISMATCH', /other data/],
      ['badSignature', 'MALFORMED', /signature does not verify/],
      ['garbage', 'MALFORMED', /not a DER TimeStampResp/],
      ['huge', 'MALFORMED', /too large/],
      ['httpError', 'HTTP_STATUS', /HTTP 502/],
    ] as const) {
      tsa.behaviour = behaviour;
      const error = await refusal(ask());
      expect({ behaviour, failure: error.failure, why: error.message }).toEqual({
        behaviour,
        failure: expected,
        why: expect.stringMatching(why),
      });
    }
  });

  it('gives up on a TSA that never answers, and on one that is not there', async () => {
    tsa.behaviour = 'silent';
    expect(await failure(ask({ timeoutMs: 300 }))).toBe('TIMEOUT');
    const gone = await startTestTsa();
    await gone.stop();
    expect(await failure(requestTimestamp(signatureValue, { url: gone.url, timeoutMs: 5_000 }))).toBe(
      'UNREACHABLE',
    );
  });

  it('signPdfAsync puts the token over the signature value in the unsigned signature-time-stamp attribute', async () => {
    const root = await createRoot(DER_CODEC, 'Signer Root');
    const signer = await issue(DER_CODEC, root, 'Sở Tư pháp', { key: { type: 'ec', curve: 'P-256' } });
    const pdf = await createPdf(1, 'Mẫu 01');
    let timestamped: Uint8Array | undefined;
    const signed = await signPdfAsync(pdf, { signer, chain: [root] }, (value) => {
      timestamped = value;
      return requestTimestamp(value, { url: tsa.url, timeoutMs: 5_000 });
    });
    expect(Buffer.from(signed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    const text = Buffer.from(signed).toString('latin1');
    const hex = /\/Contents <([0-9a-f]+)>/.exec(text.slice(pdf.length))![1].replace(/(00)+$/, '');
    const content = new pkijs.ContentInfo({ schema: asn1js.fromBER(Buffer.from(hex, 'hex')).result });
    const signerInfo = new pkijs.SignedData({ schema: content.content }).signerInfos[0];
    expect(Buffer.from(signerInfo.signature.valueBlock.valueHexView)).toEqual(Buffer.from(timestamped!));
    const attribute = signerInfo.unsignedAttrs!.attributes[0];
    expect(attribute.type).toBe(OID.signatureTimeStamp);
    const token = new Uint8Array(attribute.values[0].toBER());
    expect(Buffer.from(tstInfoOf(token).messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(
      createHash('sha256').update(timestamped!).digest(),
    );
  });
});
