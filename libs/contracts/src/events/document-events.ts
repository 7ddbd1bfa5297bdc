/** vn.motcua.document.digitized.v1: a document of a dossier component was stored (uploaded or scanned). */
export interface DocumentDigitizedV1 {
  documentId: string;
  dossierCode: string;
  componentCode: string;
  kind: 'APPLICATION' | 'SUPPORTING' | 'RESULT';
  origin: 'ELECTRONIC' | 'SCANNED_PAPER';
  digitizationLevel: 'SCAN_ONLY' | 'STRUCTURED';
  mimeType: string;
  sha256: string;
  size: number;
  storedAt: string;
  /** Where the bytes are, so consumers (esignature) read the object from S3 without asking digitization. */
  object?: { bucket: string; key: string };
  /** Set on a correction: the document this version replaces (it stays stored, superseded). */
  previousDocumentId?: string;
  /** 1 for a first upload, previous version + 1 for a correction. */
  version?: number;
  /**
   * The personal ID numbers its validated extracted data names (a declarant, both spouses): parties of the dossier
   * besides its applicant, so that data-sharing binds registry lookups to them. Absent when there are none.
   */
  namedIdNumbers?: string[];
}

/** vn.motcua.document.reused.v1: a component was filled from the citizen's e-record store, without a new upload. */
export interface DocumentReusedV1 {
  documentId: string;
  recordId: string;
  dossierCode: string;
  componentCode: string;
  digitizationLevel: 'SCAN_ONLY' | 'STRUCTURED';
  reusedAt: string;
  /** The stored document whose bytes are reused (its signature report applies to the reuse too). */
  sourceDocumentId?: string;
  kind?: 'APPLICATION' | 'SUPPORTING' | 'RESULT';
  mimeType?: string;
  sha256?: string;
  object?: { bucket: string; key: string };
}

/** vn.motcua.signature.verified.v1: the verification report of a document's signatures. */
export interface SignatureVerifiedV1 {
  documentId: string;
  dossierCode: string;
  componentCode: string;
  verificationId: string;
  indication: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
  subIndication?: string;
  verifiedAt: string;
  /** How many signatures the file carries; 0 means an unsigned file (not a failed signature). */
  signatureCount?: number;
  /** The SHA-256 of the bytes verified, so a report is matched to the version it is about. */
  sha256?: string;
}

const isoDateTime = { type: 'string', format: 'date-time' } as const;
const text = { type: 'string', minLength: 1 } as const;
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const storedObject = {
  type: 'object',
  required: ['bucket', 'key'],
  properties: { bucket: text, key: text },
} as const;

export const documentDigitizedV1Schema = {
  type: 'object',
  required: [
    'documentId',
    'dossierCode',
    'componentCode',
    'kind',
    'origin',
    'digitizationLevel',
    'mimeType',
    'sha256',
    'size',
    'storedAt',
  ],
  properties: {
    documentId: text,
    dossierCode: text,
    componentCode: text,
    kind: { enum: ['APPLICATION', 'SUPPORTING', 'RESULT'] },
    origin: { enum: ['ELECTRONIC', 'SCANNED_PAPER'] },
    digitizationLevel: { enum: ['SCAN_ONLY', 'STRUCTURED'] },
    mimeType: text,
    sha256,
    size: { type: 'integer', minimum: 0 },
    storedAt: isoDateTime,
    object: storedObject,
    previousDocumentId: text,
    version: { type: 'integer', minimum: 1 },
    namedIdNumbers: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[0-9]{12}$' } },
  },
} as const;

export const documentReusedV1Schema = {
  type: 'object',
  required: ['documentId', 'recordId', 'dossierCode', 'componentCode', 'digitizationLevel', 'reusedAt'],
  properties: {
    documentId: text,
    recordId: text,
    dossierCode: text,
    componentCode: text,
    digitizationLevel: { enum: ['SCAN_ONLY', 'STRUCTURED'] },
    reusedAt: isoDateTime,
    sourceDocumentId: text,
    kind: { enum: ['APPLICATION', 'SUPPORTING', 'RESULT'] },
    mimeType: text,
    sha256,
    object: storedObject,
  },
} as const;

export const signatureVerifiedV1Schema = {
  type: 'object',
  required: ['documentId', 'dossierCode', 'componentCode', 'verificationId', 'indication', 'verifiedAt'],
  properties: {
    documentId: text,
    dossierCode: text,
    componentCode: text,
    verificationId: text,
    indication: { enum: ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'] },
    subIndication: { type: 'string' },
    verifiedAt: isoDateTime,
    signatureCount: { type: 'integer', minimum: 0 },
    sha256,
  },
} as const;
