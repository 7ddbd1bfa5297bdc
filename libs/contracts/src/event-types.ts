/** CloudEvents `type` values. A breaking change to a payload is a new version, never an edit. */
export const EventTypes = {
  DossierReceivedV1: 'vn.motcua.dossier.received.v1',
  DossierStatusChangedV1: 'vn.motcua.dossier.status-changed.v1',
  DossierPaymentRecordedV1: 'vn.motcua.dossier.payment-recorded.v1',
  DossierFeedbackRecordedV1: 'vn.motcua.dossier.feedback-recorded.v1',
  DossierDueDateChangedV1: 'vn.motcua.dossier.due-date-changed.v1',
  DocumentDigitizedV1: 'vn.motcua.document.digitized.v1',
  DocumentReusedV1: 'vn.motcua.document.reused.v1',
  SignatureVerifiedV1: 'vn.motcua.signature.verified.v1',
  CitizenVerifiedV1: 'vn.motcua.citizen.verified.v1',
  CitizenVerificationFailedV1: 'vn.motcua.citizen.verification-failed.v1',
} as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];
