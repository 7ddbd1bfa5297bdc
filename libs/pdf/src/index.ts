// PDF structure parsing shared by esignature (signature checks) and digitization (page counts).
export { PdfError, type PdfErrorCode } from './errors';
export {
  PdfName,
  PdfString,
  PdfRef,
  PdfDict,
  PdfStream,
  type PdfValue,
  isName,
  isDict,
  isInteger,
  pdfValuesEqual,
} from './objects';
export { Lexer, DEFAULT_PARSE_LIMITS, type ParseLimits } from './lexer';
export { InflateBudget, decodeStream } from './filters';
export {
  PdfDocument,
  findRevisionEnds,
  DEFAULT_PDF_LIMITS,
  type PdfLimits,
  type XrefEntry,
  type XrefSection,
} from './document';
export { countPdfPages } from './pages';
export {
  appendIncrementalUpdate,
  nextObjectNumber,
  serializePdfValue,
  type IncrementalObject,
} from './incremental';
// Signing (PAdES by incremental update, CMS SignedData, certificate and CRL issuance): intake signs the
// one-stop forms with it, the test PKI builds on it.
export {
  createCrl,
  createRoot,
  DAY_MS,
  DER_CODEC,
  DerCertificate,
  DerCrl,
  issue,
  loadIssued,
  pemToDer,
  privateKeyPem,
  toPem,
  type CertificateLike,
  type CrlLike,
  type IssueOptions,
  type Issued,
  type KeySpec,
  type PkiCodec,
} from './signing/certificates';
export {
  buildCms,
  buildCmsAsync,
  buildTimestampToken,
  buildTimestampTokenOnImprint,
  OID,
  type ChainCertificate,
  type CmsOptions,
  type DigestName,
} from './signing/cms';
export { addDss, signPdf, signPdfAsync, type SignPdfOptions } from './signing/pades';
export {
  buildTimestampRequest,
  checkTimestampReply,
  requestTimestamp,
  TimestampError,
  type TimestampClientOptions,
  type TimestampFailure,
} from './signing/timestamp-client';
