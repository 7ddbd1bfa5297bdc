/** vn.motcua.dossier.payment-recorded.v1: how the dossier's fee was settled (online payment indicator). */
export interface DossierPaymentRecordedV1 {
  code: string;
  agencyCode: string;
  procedureCode: string;
  paymentStatus: 'PAID_ONLINE' | 'PAID_AT_DESK' | 'EXEMPT';
  amountVnd: number;
  paidAt: string;
}

/** vn.motcua.dossier.feedback-recorded.v1: the applicant's satisfaction and any complaint (satisfaction indicator). */
export interface DossierFeedbackRecordedV1 {
  code: string;
  agencyCode: string;
  procedureCode: string;
  satisfaction: 'SATISFIED' | 'UNSATISFIED';
  complaint: boolean;
  recordedAt: string;
}

const isoDateTime = { type: 'string', format: 'date-time' } as const;

export const dossierPaymentRecordedV1Schema = {
  type: 'object',
  required: ['code', 'agencyCode', 'procedureCode', 'paymentStatus', 'amountVnd', 'paidAt'],
  properties: {
    code: { type: 'string', minLength: 1 },
    agencyCode: { type: 'string', minLength: 1 },
    procedureCode: { type: 'string', minLength: 1 },
    paymentStatus: { enum: ['PAID_ONLINE', 'PAID_AT_DESK', 'EXEMPT'] },
    amountVnd: { type: 'integer', minimum: 0 },
    paidAt: isoDateTime,
  },
} as const;

export const dossierFeedbackRecordedV1Schema = {
  type: 'object',
  required: ['code', 'agencyCode', 'procedureCode', 'satisfaction', 'complaint', 'recordedAt'],
  properties: {
    code: { type: 'string', minLength: 1 },
    agencyCode: { type: 'string', minLength: 1 },
    procedureCode: { type: 'string', minLength: 1 },
    satisfaction: { enum: ['SATISFIED', 'UNSATISFIED'] },
    complaint: { type: 'boolean' },
    recordedAt: isoDateTime,
  },
} as const;
