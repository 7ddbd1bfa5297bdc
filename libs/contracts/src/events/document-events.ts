import { Static, Type } from '@sinclair/typebox';
import {
  DIGITIZATION_LEVELS,
  DOCUMENT_KINDS,
  IsoDateTime,
  NonEmptyText,
  Sha256,
  StringEnum,
} from './schema-kit';

const StoredObject = () => Type.Object({ bucket: NonEmptyText(), key: NonEmptyText() });

/** vn.motcua.document.digitized.v1: a document of a dossier component was stored (uploaded or scanned). */
export const documentDigitizedV1Schema = Type.Object({
  documentId: NonEmptyText(),
  dossierCode: NonEmptyText(),
  componentCode: NonEmptyText(),
  kind: StringEnum(DOCUMENT_KINDS),
  origin: StringEnum(['ELECTRONIC', 'SCANNED_PAPER']),
  digitizationLevel: StringEnum(DIGITIZATION_LEVELS),
  mimeType: NonEmptyText(),
  sha256: Sha256(),
  size: Type.Integer({ minimum: 0 }),
  storedAt: IsoDateTime(),
  /** Where the bytes are, so consumers (esignature) read the object from S3 without asking digitization. */
  object: Type.Optional(StoredObject()),
  /** Set on a correction: the document this version replaces (it stays stored, superseded). */
  previousDocumentId: Type.Optional(NonEmptyText()),
  /** 1 for a first upload, previous version + 1 for a correction. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  /**
   * The personal ID numbers its validated extracted data names (a declarant, both spouses): parties of the dossier
   * besides its applicant, so that data-sharing binds registry lookups to them. Absent when there are none.
   */
  namedIdNumbers: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{12}$' }), { maxItems: 50 })),
});
export type DocumentDigitizedV1 = Static<typeof documentDigitizedV1Schema>;

/** vn.motcua.document.reused.v1: a component was filled from the citizen's e-record store, without a new upload. */
export const documentReusedV1Schema = Type.Object({
  documentId: NonEmptyText(),
  recordId: NonEmptyText(),
  dossierCode: NonEmptyText(),
  componentCode: NonEmptyText(),
  digitizationLevel: StringEnum(DIGITIZATION_LEVELS),
  reusedAt: IsoDateTime(),
  /** The stored document whose bytes are reused (its signature report applies to the reuse too). */
  sourceDocumentId: Type.Optional(NonEmptyText()),
  kind: Type.Optional(StringEnum(DOCUMENT_KINDS)),
  mimeType: Type.Optional(NonEmptyText()),
  sha256: Type.Optional(Sha256()),
  object: Type.Optional(StoredObject()),
});
export type DocumentReusedV1 = Static<typeof documentReusedV1Schema>;

/** vn.motcua.signature.verified.v1: the verification report of a document's signatures. */
export const signatureVerifiedV1Schema = Type.Object({
  documentId: NonEmptyText(),
  dossierCode: NonEmptyText(),
  componentCode: NonEmptyText(),
  verificationId: NonEmptyText(),
  indication: StringEnum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']),
  subIndication: Type.Optional(Type.String()),
  verifiedAt: IsoDateTime(),
  /** How many signatures the file carries; 0 means an unsigned file (not a failed signature). */
  signatureCount: Type.Optional(Type.Integer({ minimum: 0 })),
  /** The SHA-256 of the bytes verified, so a report is matched to the version it is about. */
  sha256: Type.Optional(Sha256()),
});
export type SignatureVerifiedV1 = Static<typeof signatureVerifiedV1Schema>;
