import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DIGEST_OIDS } from './algorithms';
import { Certificate, pssDigest } from './certificates';
import { verifySignature } from './algorithms';
import { revocationFresh } from './freshness';

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

const bytesOf = (view: ArrayBuffer | Uint8Array): Uint8Array =>
  view instanceof Uint8Array ? view : new Uint8Array(view);

export interface OcspStatus {
  status: 'good' | 'revoked';
  revokedAt?: Date;
}

/** A basic OCSP response embedded in a signature or the DSS (never fetched: no network at verification). */
export class OcspResponse {
  private readonly checkedBy = new Map<string, boolean>();

  private constructor(
    readonly basic: pkijs.BasicOCSPResponse,
    readonly certificates: Certificate[],
  ) {}

  static fromDer(der: Uint8Array): OcspResponse {
    const response = new pkijs.OCSPResponse({ schema: asn1js.fromBER(der).result });
    if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes)
      throw new Error('OCSP response not successful');
    if (response.responseBytes.responseType !== OCSP_BASIC) throw new Error('not a basic OCSP response');
    const basic = new pkijs.BasicOCSPResponse({
      schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView).result,
    });
    const certificates = (basic.certs ?? []).map((certificate) =>
      Certificate.cached(new Uint8Array(certificate.toSchema().toBER())),
    );
    return new OcspResponse(basic, certificates);
  }

  /** True when the response is signed by the issuer, or by a responder the issuer delegated (id-kp-OCSPSigning). */
  signedFor(issuer: Certificate): boolean {
    let ok = this.checkedBy.get(issuer.fingerprint);
    if (ok === undefined) {
      const signers = [issuer, ...this.certificates.filter((candidate) => delegatedBy(candidate, issuer))];
      ok = signers.some((signer) => this.signatureValidFor(signer));
      this.checkedBy.set(issuer.fingerprint, ok);
    }
    return ok;
  }

  private signatureValidFor(signer: Certificate): boolean {
    const id = this.basic.tbsResponseData.responderID as unknown;
    const named = id instanceof pkijs.RelativeDistinguishedNames && id.isEqual(signer.parsed.subject);
    const keyed =
      id instanceof asn1js.OctetString &&
      Buffer.from(id.valueBlock.valueHexView).equals(keyHash(signer, 'sha1'));
    if (!named && !keyed) return false;
    const check = verifySignature(
      this.basic.signatureAlgorithm.algorithmId,
      this.basic.tbsResponseData.tbsView,
      bytesOf(this.basic.signature.valueBlock.valueHexView),
      signer.publicKey,
      undefined,
      pssDigest(this.basic.signatureAlgorithm),
    );
    return check.valid && !check.violation;
  }

  /** The status of `subject` (issued by `issuer`) this response gives, if it covers it and is fresh enough. */
  statusOf(
    subject: Certificate,
    issuer: Certificate,
    signingTime: Date,
    proven: boolean,
    now: Date,
  ): OcspStatus | undefined {
    for (const single of this.basic.tbsResponseData.responses) {
      if (!certIdMatches(single.certID, subject, issuer)) continue;
      if (!revocationFresh(single.thisUpdate, single.nextUpdate, signingTime, proven, now)) continue;
      if (!this.signedFor(issuer)) return undefined;
      const status = single.certStatus as asn1js.BaseBlock;
      if (status.idBlock.tagClass !== 3) return undefined;
      if (status.idBlock.tagNumber === 0) return { status: 'good' };
      if (status.idBlock.tagNumber === 1) {
        const time = (status as asn1js.Constructed).valueBlock.value[0];
        return {
          status: 'revoked',
          revokedAt: time instanceof asn1js.GeneralizedTime ? time.toDate() : new Date(0),
        };
      }
      return undefined; // unknown
    }
    return undefined;
  }
}

function delegatedBy(candidate: Certificate, issuer: Certificate): boolean {
  return (
    candidate.fingerprint !== issuer.fingerprint &&
    candidate.isIssuedBy(issuer) &&
    (candidate.extendedKeyUsage ?? []).includes(OCSP_SIGNING) &&
    candidate.verifySignedBy(issuer).valid &&
    !candidate.verifySignedBy(issuer).violation
  );
}

function keyHash(certificate: Certificate, digest: string): Buffer {
  return createHash(digest)
    .update(bytesOf(certificate.parsed.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView))
    .digest();
}

function certIdMatches(id: pkijs.CertID, subject: Certificate, issuer: Certificate): boolean {
  const digest = DIGEST_OIDS[id.hashAlgorithm.algorithmId];
  if (!digest) return false;
  if (!subject.parsed.serialNumber.isEqual(id.serialNumber)) return false;
  const nameHash = createHash(digest).update(bytesOf(issuer.parsed.subject.toSchema().toBER())).digest();
  return (
    nameHash.equals(Buffer.from(id.issuerNameHash.valueBlock.valueHexView)) &&
    keyHash(issuer, digest).equals(Buffer.from(id.issuerKeyHash.valueBlock.valueHexView))
  );
}
