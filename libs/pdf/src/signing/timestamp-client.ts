// An RFC 3161 client (§3.4, timestamps over HTTP): the signature-time-stamp tokens of the forms' PAdES B-T
// signatures. The token is checked as far as the signer needs (status, imprint, nonce, a signed TSTInfo whose
// signature holds under the certificate it carries); judging that certificate's trust is the verifier's job
// (esignature pins the TSA's root).
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DIGEST_OID, OID } from './cms';

export type TimestampFailure =
  'UNREACHABLE' | 'TIMEOUT' | 'HTTP_STATUS' | 'REJECTED' | 'MALFORMED' | 'MISMATCH';

/** The TSA could not give a usable token: the signature cannot be B-T now (the caller retries later). */
export class TimestampError extends Error {
  constructor(
    readonly failure: TimestampFailure,
    message: string,
  ) {
    super(`timestamp authority: ${message}`);
    this.name = 'TimestampError';
  }
}

export interface TimestampClientOptions {
  url: string;
  /** The whole exchange (connect, request, reply) is abandoned after this long. */
  timeoutMs: number;
  /** HTTP basic authentication, when the TSA requires it. */
  username?: string;
  password?: string;
}

const PKI_STATUS = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];
/** A token with a certificate chain is a few KB; anything this large is not a timestamp reply. */
const MAX_REPLY_BYTES = 256 * 1024;

const integerValue = (integer: asn1js.Integer) =>
  BigInt(`0x${Buffer.from(integer.valueBlock.valueHexView).toString('hex') || '0'}`);

/** The DER TimeStampReq: SHA-256 imprint of `data`, the nonce, certReq true (the token carries the TSA's certificate). */
export function buildTimestampRequest(sha256Imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: DIGEST_OID.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256Imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER());
}

/** Asks the TSA for a timestamp token on the SHA-256 digest of `data` (the signature value): the token's DER. */
export async function requestTimestamp(
  data: Uint8Array,
  options: TimestampClientOptions,
): Promise<Uint8Array> {
  const imprint = new Uint8Array(createHash('sha256').update(data).digest());
  const nonce = randomBytes(16);
  nonce[0] = (nonce[0] % 0x7f) + 1; // positive, no leading zero: the INTEGER encodes these very bytes
  const headers: Record<string, string> = {
    'content-type': 'application/timestamp-query',
    accept: 'application/timestamp-reply',
  };
  if (options.username)
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
  let reply: Uint8Array;
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers,
      body: buildTimestampRequest(imprint, nonce),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new TimestampError('HTTP_STATUS', `HTTP ${response.status}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/timestamp-reply')) {
      await response.body?.cancel();
      throw new TimestampError('MALFORMED', `content type '${type}' is not application/timestamp-reply`);
    }
    reply = await readBounded(response);
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new TimestampError('TIMEOUT', `no reply within ${options.timeoutMs} ms`);
    throw new TimestampError('UNREACHABLE', (error as Error).message);
  }
  return checkTimestampReply(reply, data, nonce);
}

/** The body, refused past MAX_REPLY_BYTES without reading the rest (a TSA is not a download). */
async function readBounded(response: Response): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > MAX_REPLY_BYTES) {
      await reader.cancel();
      throw new TimestampError('MALFORMED', 'reply too large');
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The token of a TimeStampResp on `data`, once its status, imprint, nonce and signature are what was asked for. */
export async function checkTimestampReply(
  reply: Uint8Array,
  data: Uint8Array,
  nonce: Uint8Array,
): Promise<Uint8Array> {
  const imprint = createHash('sha256').update(data).digest();
  const malformed = (why: string) => new TimestampError('MALFORMED', why);
  const parsed = asn1js.fromBER(reply);
  if (parsed.offset === -1 || parsed.offset !== reply.length || !(parsed.result instanceof asn1js.Sequence))
    throw malformed('the reply is not a DER TimeStampResp');
  let response: pkijs.TimeStampResp;
  try {
    response = new pkijs.TimeStampResp({ schema: parsed.result });
  } catch (error) {
    throw malformed(`unreadable TimeStampResp: ${(error as Error).message}`);
  }
  const status = response.status.status as number;
  if (status !== 0 && status !== 1) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new TimestampError('REJECTED', `status ${PKI_STATUS[status] ?? status}${text ? ` (${text})` : ''}`);
  }
  if (!response.timeStampToken) throw malformed('granted without a token');
  // The token as the TSA encoded it (its signature covers these bytes), not re-encoded by pkijs.
  const tokenBlock = parsed.result.valueBlock.value[1];
  const token = new Uint8Array(tokenBlock.valueBeforeDecodeView);
  let info: pkijs.TSTInfo;
  let signedData: pkijs.SignedData;
  try {
    if (response.timeStampToken.contentType !== OID.signedData) throw new Error('not a SignedData');
    signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
    const encapsulated = signedData.encapContentInfo;
    if (encapsulated.eContentType !== OID.tstInfo || !encapsulated.eContent) throw new Error('no TSTInfo');
    const content = asn1js.fromBER(encapsulated.eContent.getValue());
    if (content.offset === -1) throw new Error('unreadable TSTInfo');
    info = new pkijs.TSTInfo({ schema: content.result });
  } catch (error) {
    throw malformed(`token: ${(error as Error).message}`);
  }
  if (signedData.signerInfos.length !== 1) throw malformed('the token has no single signer');
  if (!signedData.certificates?.length) throw malformed('the token carries no TSA certificate (certReq)');
  const imprinted = info.messageImprint;
  if (
    imprinted.hashAlgorithm.algorithmId !== DIGEST_OID.sha256 ||
    !Buffer.from(imprinted.hashedMessage.valueBlock.valueHexView).equals(imprint)
  )
    throw new TimestampError('MISMATCH', 'the token timestamps other data than the signature value');
  if (!info.nonce || integerValue(info.nonce) !== BigInt(`0x${Buffer.from(nonce).toString('hex')}`))
    throw new TimestampError('MISMATCH', 'the token does not carry the request nonce');
  // A token damaged on the way (or not signed by the certificate it names) is no timestamp.
  const signed = await signedData
    .verify({ signer: 0, checkChain: false, data: new Uint8Array(data).buffer })
    .catch(() => false);
  if (!signed) throw malformed("the token's signature does not verify with the TSA certificate it carries");
  return token;
}
