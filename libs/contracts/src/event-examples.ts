import { EventData, EventType, EventTypes } from './event-catalogue';

const code = '000.00.12.H49-261127-0001';
const identity = { code, dossierCode: code, procedureCode: '1.001193', agencyCode: '000.00.12.H49' };
const sha256 = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const object = { bucket: 'motcua-documents', key: `${code}/TK01/3f0c1e52.pdf` };

/** One realistic payload per event type (the AsyncAPI document's examples); a new type without one does not compile. */
export const EVENT_EXAMPLES: { readonly [K in EventType]: EventData<K> } = {
  [EventTypes.DossierReceivedV1]: {
    ...identity,
    channel: 'ONLINE',
    status: 'SUBMITTED',
    receivedAt: '2026-11-27T03:00:00.000Z',
    dueAt: null,
    applicant: {
      idNumber: '001203004567',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2003-05-14',
      sex: 'MALE',
      phone: '0912345678',
      address: 'Số 12 Hàng Bài, Hoàn Kiếm, Hà Nội',
    },
    imported: false,
  },
  [EventTypes.DossierStatusChangedV1]: {
    ...identity,
    channel: 'ONLINE',
    action: 'ACCEPT',
    fromStatus: 'SUBMITTED',
    toStatus: 'RECEIVED',
    at: '2026-11-27T05:30:00.000Z',
    actor: 'clerk:tran.thi.binh',
    receivedAt: '2026-11-27T03:00:00.000Z',
    dueAt: '2026-12-04T10:00:00.000Z',
    elapsedWorkingMinutes: 0,
    supplementRequests: 0,
    apologized: false,
    late: false,
    onlineConfirmation: {
      dueAt: '2026-11-28T03:00:00.000Z',
      confirmedAt: '2026-11-27T05:30:00.000Z',
      outcome: 'ON_TIME',
    },
  },
  [EventTypes.DossierPaymentRecordedV1]: {
    ...identity,
    paymentStatus: 'PAID_ONLINE',
    amountVnd: 50000,
    paidAt: '2026-11-27T05:40:00.000Z',
  },
  [EventTypes.DossierFeedbackRecordedV1]: {
    ...identity,
    satisfaction: 'SATISFIED',
    complaint: false,
    recordedAt: '2026-12-03T08:00:00.000Z',
  },
  [EventTypes.DocumentDigitizedV1]: {
    documentId: '3f0c1e52-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    dossierCode: code,
    componentCode: 'TK01',
    kind: 'APPLICATION',
    origin: 'ELECTRONIC',
    digitizationLevel: 'STRUCTURED',
    mimeType: 'application/pdf',
    sha256,
    size: 182734,
    storedAt: '2026-11-27T03:05:00.000Z',
    object,
    version: 1,
    namedIdNumbers: ['001185009876'],
  },
  [EventTypes.DocumentReusedV1]: {
    documentId: '7b1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    recordId: 'KQ-2025-000123',
    dossierCode: code,
    componentCode: 'GT02',
    digitizationLevel: 'SCAN_ONLY',
    reusedAt: '2026-11-27T03:06:00.000Z',
    sourceDocumentId: '5c4b3a29-1807-4f6e-9d8c-7b6a5f4e3d2c',
    kind: 'SUPPORTING',
    mimeType: 'application/pdf',
    sha256,
    object,
  },
  [EventTypes.SignatureVerifiedV1]: {
    documentId: '3f0c1e52-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    dossierCode: code,
    componentCode: 'TK01',
    verificationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    indication: 'TOTAL_PASSED',
    verifiedAt: '2026-11-27T03:05:20.000Z',
    signatureCount: 1,
    sha256,
  },
  [EventTypes.CitizenVerifiedV1]: {
    dossierCode: code,
    match: true,
    mismatches: [],
    verifiedAt: '2026-11-27T03:00:04.000Z',
  },
  [EventTypes.CitizenVerificationFailedV1]: {
    dossierCode: code,
    reason: 'population registry unavailable (503)',
    attempts: 5,
    failedAt: '2026-11-27T03:02:00.000Z',
  },
};
