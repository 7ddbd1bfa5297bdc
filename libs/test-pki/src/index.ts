// Test-only (tag type:test-lib): a PKI, OCSP builder, forgeries and a small PDF for tests and benchmarks.
// The signer, the CMS builder and certificate issuance are the product's (libs/pdf), re-exported here.
export {
  addDss,
  buildCms,
  buildTimestampToken,
  createCrl,
  createRoot,
  DAY_MS,
  issue,
  OID,
  signPdf,
  type CertificateLike,
  type CmsOptions,
  type CrlLike,
  type DigestName,
  type IssueOptions,
  type Issued,
  type KeySpec,
  type PkiCodec,
  type SignPdfOptions,
} from '@motcua/pdf';
export { createTestPki, type TestPki } from './test-pki';
export { buildOcspResponse, type OcspOptions } from './ocsp-builder';
export { createPdf } from './pdf-signing';
export { mutatePdf, pdfMutation, type PdfMutation } from './pdf-mutations';
export { startTestTsa, type TestTsa, type TestTsaBehaviour } from './test-tsa';
