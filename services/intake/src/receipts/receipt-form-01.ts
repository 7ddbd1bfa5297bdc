/**
 * Form 01, the receipt and appointment slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả, DOMAIN.md §4),
 * as plain JSON: `GET /dossiers/{code}/receipt` answers with this object, and `renderReceiptPdf`
 * prints the same object. Times are ISO 8601 instants; they are shown in Vietnam time (UTC+7).
 */
export interface ReceiptForm01 {
  form: '01';
  /** The receiving agency; `parentName` is the governing body printed above it, `place` the town of the date line. */
  agency: {
    code: string;
    name: string;
    parentName?: string | null;
    place?: string | null;
  };
  dossierCode: string;
  applicant: {
    fullName: string;
    address: string | null;
    phone: string | null;
    email?: string | null;
  };
  /** What the applicant asks for: the administrative procedure. */
  request: {
    procedureCode: string;
    procedureName: string;
  };
  documents: ReceiptDocument[];
  receivedAt: string;
  /** When the result will be ready; null while an online dossier still waits for acceptance. */
  appointmentAt: string | null;
  processingLimit?: { value: number; unit: 'WORKING_DAYS' | 'WORKING_HOURS' } | null;
  /** Where the result is collected (a desk address, or delivery by public postal service). */
  resultPickup: string;
  /** Fees and charges in whole đồng; null or 0 when the procedure charges nothing. */
  feeVnd: number | null;
  /** The entry in the dossier tracking log book (sổ theo dõi hồ sơ). */
  logBook: { book: string; entry: string } | null;
  receivingClerk: { name: string };
  /** The public status page to name on the slip (no QR code); null prints a generic line. */
  lookupUrl: string | null;
}

export const RECEIPT_DOCUMENT_FORMS = ['ORIGINAL', 'CERTIFIED_COPY', 'COPY'] as const;
export type ReceiptDocumentForm = (typeof RECEIPT_DOCUMENT_FORMS)[number];

export interface ReceiptDocument {
  name: string;
  copies: number;
  form: ReceiptDocumentForm;
}

export const DOCUMENT_FORM_LABELS_VI: Readonly<Record<ReceiptDocumentForm, string>> = {
  ORIGINAL: 'Bản chính',
  CERTIFIED_COPY: 'Bản sao có chứng thực',
  COPY: 'Bản sao',
};
