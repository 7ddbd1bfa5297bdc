// Test-only (tag type:test-lib): a PKI, CMS/OCSP builders and a PAdES-style PDF signer for tests and benchmarks.
export {
  createCrl,
  createRoot,
  createTestPki,
  DAY_MS,
  issue,
  type CertificateLike,
  type CrlLike,
  type IssueOptions,
  type Issued,
  type KeySpec,
  type PkiCodec,
  type TestPki,
} from './test-pki';
export { buildCms, buildTimestampToken, OID, type CmsOptions, type DigestName } from './cms-builder';
export { buildOcspResponse, type OcspOptions } from './ocsp-builder';
export { addDss, createPdf, signPdf, type SignPdfOptions } from './pdf-signing';
export { mutatePdf, pdfMutation, type PdfMutation } from './pdf-mutations';
