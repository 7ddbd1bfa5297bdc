import { Static, Type } from '@sinclair/typebox';
import { DossierCodeAlias, IsoDateTime, NonEmptyText, StringEnum } from './schema-kit';

/** vn.motcua.dossier.payment-recorded.v1: how the dossier's fee was settled (online payment indicator). */
export const dossierPaymentRecordedV1Schema = Type.Object({
  code: NonEmptyText(),
  dossierCode: DossierCodeAlias(),
  agencyCode: NonEmptyText(),
  procedureCode: NonEmptyText(),
  paymentStatus: StringEnum(['PAID_ONLINE', 'PAID_AT_DESK', 'EXEMPT']),
  amountVnd: Type.Integer({ minimum: 0 }),
  paidAt: IsoDateTime(),
});
export type DossierPaymentRecordedV1 = Static<typeof dossierPaymentRecordedV1Schema>;

/** vn.motcua.dossier.feedback-recorded.v1: the applicant's satisfaction and any complaint (satisfaction indicator). */
export const dossierFeedbackRecordedV1Schema = Type.Object({
  code: NonEmptyText(),
  dossierCode: DossierCodeAlias(),
  agencyCode: NonEmptyText(),
  procedureCode: NonEmptyText(),
  satisfaction: StringEnum(['SATISFIED', 'UNSATISFIED']),
  complaint: Type.Boolean(),
  recordedAt: IsoDateTime(),
});
export type DossierFeedbackRecordedV1 = Static<typeof dossierFeedbackRecordedV1Schema>;
