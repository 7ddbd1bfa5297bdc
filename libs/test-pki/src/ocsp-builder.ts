// Builds basic OCSP responses (RFC 6960) signed with Node's crypto, for tests: the issuing CA answers
// for its certificates, or a delegated responder does.
import { createHash, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Issued } from '@motcua/pdf';

const sha1 = (bytes: ArrayBuffer | Uint8Array) => createHash('sha1').update(new Uint8Array(bytes)).digest();

export interface OcspOptions {
  /** The CA that issued `subject`. */
  issuer: Issued;
  /** Who signs the response: the issuer (default) or a delegated responder it certified. */
  responder?: Issued;
  revokedAt?: Date;
  thisUpdate?: Date;
  nextUpdate?: Date;
}

export function buildOcspResponse(subject: Issued, options: OcspOptions): Uint8Array {
  const issuer = options.issuer.certificate.parsed;
  const responder = options.responder ?? options.issuer;
  const certID = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: '1.3.14.3.2.26',
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({ valueHex: sha1(issuer.subject.toSchema().toBER()) }),
    issuerKeyHash: new asn1js.OctetString({
      valueHex: sha1(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    }),
    serialNumber: subject.certificate.parsed.serialNumber,
  });
  const certStatus = options.revokedAt
    ? new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [new asn1js.GeneralizedTime({ valueDate: options.revokedAt })],
      })
    : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  const data = new pkijs.ResponseData({
    responderID: responder.certificate.parsed.subject,
    producedAt: new Date(),
    responses: [
      new pkijs.SingleResponse({
        certID,
        certStatus,
        thisUpdate: options.thisUpdate ?? new Date(Date.now() - 3_600_000),
        nextUpdate: options.nextUpdate ?? new Date(Date.now() + 86_400_000),
      }),
    ],
  });
  const tbs = data.toSchema(true).toBER();
  const isEc = responder.privateKey.asymmetricKeyType === 'ec';
  const signature = sign(
    'sha256',
    new Uint8Array(tbs),
    isEc ? { key: responder.privateKey, dsaEncoding: 'der' } : responder.privateKey,
  );
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({ schema: asn1js.fromBER(tbs).result }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      isEc
        ? { algorithmId: '1.2.840.10045.4.3.2' }
        : { algorithmId: '1.2.840.113549.1.1.11', algorithmParams: new asn1js.Null() },
    ),
    signature: new asn1js.BitString({ valueHex: signature }),
    certs: options.responder ? [options.responder.certificate.parsed] : undefined,
  });
  return new Uint8Array(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: '1.3.6.1.5.5.7.48.1.1',
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
      }),
    })
      .toSchema()
      .toBER(),
  );
}
