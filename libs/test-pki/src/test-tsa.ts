// A small RFC 3161 timestamp authority over HTTP (application/timestamp-query → application/timestamp-reply)
// for the tests of the timestamp client and the forms' B-T signatures. Its tokens are the product's
// (libs/pdf buildTimestampTokenOnImprint); its certificate (id-kp-timeStamping, critical EKU) is issued by its
// own root, which a verifier pins like any anchor. It can be told to misbehave to test the client.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  buildTimestampTokenOnImprint,
  createCrl,
  createRoot,
  DER_CODEC,
  issue,
  type DerCertificate,
  type DerCrl,
  type Issued,
} from '@motcua/pdf';

/** How the TSA answers the next requests. */
export type TestTsaBehaviour =
  | 'granted'
  | 'grantedWithMods'
  | 'rejection'
  | 'wrongNonce'
  | 'wrongImprint'
  | 'noNonce'
  | 'badSignature'
  | 'garbage'
  | 'huge'
  | 'httpError'
  | 'silent';

export interface TestTsa {
  /** The URL to POST TimeStampReqs to. */
  url: string;
  root: Issued<DerCertificate>;
  tsa: Issued<DerCertificate>;
  /** The root's CRL (empty), for verifiers that check revocation of the TSA's certificate. */
  rootCrl: DerCrl;
  behaviour: TestTsaBehaviour;
  /** The requests received (parsed), oldest first. */
  requests: { nonce?: bigint; certReq: boolean; imprint: Buffer; authorization?: string }[];
  stop(): Promise<void>;
}

const STATUS = { granted: 0, grantedWithMods: 1, rejection: 2 } as const;

function reply(status: number, token?: Uint8Array, text?: string): Uint8Array {
  const statusInfo = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: status }),
      ...(text ? [new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: text })] })] : []),
    ],
  });
  return new Uint8Array(
    new asn1js.Sequence({
      value: [statusInfo, ...(token ? [asn1js.fromBER(token).result] : [])],
    }).toBER(),
  );
}

const readBody = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** Starts the test TSA on a free local port. */
export async function startTestTsa(): Promise<TestTsa> {
  const root = await createRoot(DER_CODEC, 'Test TSA Root');
  const tsa = await issue(DER_CODEC, root, 'Test Timestamp Authority', {
    key: { type: 'ec', curve: 'P-256' },
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.8'],
  });
  const rootCrl = await createCrl(DER_CODEC, root, []);
  const silent = new Set<ServerResponse>();

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const parsed = new pkijs.TimeStampReq({ schema: asn1js.fromBER(body).result });
    const imprint = Buffer.from(parsed.messageImprint.hashedMessage.valueBlock.valueHexView);
    const nonce = parsed.nonce?.valueBlock.valueHexView;
    state.requests.push({
      nonce: nonce ? BigInt(`0x${Buffer.from(nonce).toString('hex')}`) : undefined,
      certReq: parsed.certReq ?? false,
      imprint,
      authorization: request.headers.authorization,
    });
    const send = (bytes: Uint8Array, type = 'application/timestamp-reply') => {
      response.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
      response.end(bytes);
    };
    const token = (overrides: { imprint?: Uint8Array; nonce?: Uint8Array | null } = {}) =>
      buildTimestampTokenOnImprint(overrides.imprint ?? imprint, tsa, new Date(), {
        nonce: overrides.nonce === null ? undefined : (overrides.nonce ?? nonce),
      });
    switch (state.behaviour) {
      case 'granted':
      case 'grantedWithMods':
        return send(reply(STATUS[state.behaviour], token()));
      case 'rejection':
        return send(reply(STATUS.rejection, undefined, 'badAlg'));
      case 'wrongNonce':
        return send(reply(STATUS.granted, token({ nonce: new Uint8Array([0x01, 0x02, 0x03]) })));
      case 'wrongImprint':
        return send(reply(STATUS.granted, token({ imprint: Buffer.alloc(32, 7) })));
      case 'noNonce':
        return send(reply(STATUS.granted, token({ nonce: null })));
      case 'badSignature': {
        // The last byte of the token is the TSA's signature's (no unsigned attributes follow it).
        const damaged = Buffer.from(token());
        damaged[damaged.length - 1] ^= 0x01;
        return send(reply(STATUS.granted, damaged));
      }
      case 'garbage':
        return send(Buffer.from('<html>Bad gateway</html>'));
      case 'huge':
        // Far more than any token, streamed without a length.
        response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
        for (let i = 0; i < 64; i += 1) response.write(Buffer.alloc(16 * 1024));
        return response.end();
      case 'httpError':
        response.writeHead(502, { 'content-type': 'text/plain' });
        return response.end('bad gateway');
      case 'silent':
        // Never answers (a hung TSA): the client's timeout must end the wait.
        silent.add(response);
        return;
    }
  };

  const server: Server = createServer((request, response) => {
    answer(request, response).catch(() => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('not a TimeStampReq');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: TestTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    root,
    tsa,
    rootCrl,
    behaviour: 'granted',
    requests: [],
    stop: () =>
      new Promise<void>((resolve) => {
        for (const response of silent) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
