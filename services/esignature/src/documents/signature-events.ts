import { CloudEvent, createCloudEvent, EventTypes, SignatureVerifiedV1 } from '@motcua/contracts';
import type { SubIndication } from '../verification/outcomes';
import { signatureCountOf } from '../verification/verifier';
import type { VerificationEntity } from '../verifications/verification.entity';
import type { KnownDocumentEntity } from './known-document.entity';

export const EVENT_SOURCE = '/motcua/esignature';

/**
 * INDETERMINATE results a trust-store change (a new anchor or CRL) may settle: those documents are verified
 * again automatically when the store changes. Other results stay until someone asks (POST /verifications).
 */
export const TRUST_DEPENDENT_SUB_INDICATIONS: readonly SubIndication[] = [
  'TRY_LATER',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'REVOKED_NO_POE',
  'REVOKED_CA_NO_POE',
];

/**
 * signature.verified for a document's report (every new report publishes one; consumers keep the latest by
 * verifiedAt). `signatureCount` 0 says the file is unsigned; it is left out when the file could not be read.
 */
export function signatureVerifiedEvent(
  document: Pick<KnownDocumentEntity, 'documentId' | 'dossierCode' | 'componentCode'>,
  verification: VerificationEntity,
): CloudEvent<SignatureVerifiedV1> {
  const { report } = verification;
  const signatureCount = signatureCountOf(report);
  return createCloudEvent({
    type: EventTypes.SignatureVerifiedV1,
    source: EVENT_SOURCE,
    subject: document.dossierCode,
    data: {
      documentId: document.documentId,
      dossierCode: document.dossierCode,
      componentCode: document.componentCode,
      verificationId: verification.id,
      indication: report.indication,
      ...(report.subIndication ? { subIndication: report.subIndication } : {}),
      verifiedAt: verification.verifiedAt.toISOString(),
      ...(signatureCount === undefined ? {} : { signatureCount }),
      sha256: verification.sha256,
    },
  });
}
