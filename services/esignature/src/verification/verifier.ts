import { findRevisionEnds, PdfDocument, PdfError, PdfStream, type PdfLimits } from '@motcua/pdf';
import { Certificate, RevocationList } from './certificates';
import { OcspResponse } from './ocsp';
import { validateChain, type TrustMaterial } from './chain';
import { CHECK_NAMES, CheckList, type Check, type CheckName } from './checks';
import { CmsFormatError, parseCms, verifyCmsSigner, type ParsedCms } from './cms';
import {
  decisiveFailure,
  FAILURES,
  INDICATION_LABELS_VI,
  type FailureCode,
  type Indication,
  type SubIndication,
} from './outcomes';
import {
  analyseChanges,
  checkByteRange,
  findSignatureFields,
  revisionLayout,
  signedParts,
  type PdfSignatureField,
  type RevisionLayout,
} from './pdf-signatures';
import { verifyTimestampToken, type TimestampVerification } from './timestamp';

export interface VerifierContext {
  trust: TrustMaterial;
  /** Validation time (defaults to the current time). */
  now?: Date;
  limits?: Partial<PdfLimits>;
}

export interface SignatureReport {
  type: 'SIGNATURE' | 'DOCUMENT_TIMESTAMP';
  fieldName?: string;
  subFilter?: string;
  signer?: string;
  issuer?: string;
  signingTime?: string;
  signingTimeSource: 'TIMESTAMP' | 'DOCUMENT_TIMESTAMP' | 'SIGNED_ATTRIBUTE' | 'PDF_DICTIONARY' | 'NONE';
  /**
   * Issuers (Certificate.issuerKey) of the certificates of the paths checked (signer's and timestamps', anchors
   * excluded): whose CRLs decide this signature. The store moves them to a column; they are not in the API.
   */
  pathIssuers?: string[];
  indication: Indication;
  subIndication?: SubIndication;
  labelVi: string;
  checks: Check[];
}

export interface VerificationReport {
  kind: 'PDF' | 'DETACHED_CMS';
  indication: Indication;
  subIndication?: SubIndication;
  labelVi: string;
  signatures: SignatureReport[];
  /** Why the document as a whole could not be verified, when it could not. */
  problem?: string;
  /** The failure of the document as a whole (set with `problem`). */
  failure?: FailureCode;
}

const PDF_CHECKS = CHECK_NAMES;
export const MAX_SIGNATURES = 64;
const DETACHED_CHECKS = CHECK_NAMES.filter((name) => name !== 'BYTE_RANGE' && name !== 'MODIFICATIONS');
const SUPPORTED_SUBFILTERS: Record<PdfSignatureField['kind'], string[]> = {
  SIGNATURE: ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'],
  DOCUMENT_TIMESTAMP: ['ETSI.RFC3161'],
};

function outcome(
  failure: FailureCode | undefined,
): Pick<SignatureReport, 'indication' | 'subIndication' | 'labelVi'> {
  if (!failure) return { indication: 'TOTAL_PASSED', labelVi: INDICATION_LABELS_VI.TOTAL_PASSED };
  const { indication, subIndication } = FAILURES[failure];
  return { indication, subIndication, labelVi: INDICATION_LABELS_VI[indication] };
}

export function documentFailure(
  kind: VerificationReport['kind'],
  failure: FailureCode,
  problem: string,
): VerificationReport {
  return { kind, ...outcome(failure), signatures: [], problem, failure };
}

/**
 * How many signatures (and document timestamps) the verified file carries: 0 for a file without any (not a
 * failed signature), undefined when the file could not be read or parsed (nothing is known).
 */
export function signatureCountOf(report: VerificationReport): number | undefined {
  if (report.signatures.length > 0) return report.signatures.length;
  return report.failure === 'NO_SIGNATURE' ? 0 : undefined;
}

/** TOTAL_FAILED if any signature failed, else INDETERMINATE if any is, else TOTAL_PASSED. */
function aggregate(kind: VerificationReport['kind'], signatures: SignatureReport[]): VerificationReport {
  const decisive =
    signatures.find((signature) => signature.indication === 'TOTAL_FAILED') ??
    signatures.find((signature) => signature.indication === 'INDETERMINATE');
  const indication = decisive?.indication ?? 'TOTAL_PASSED';
  return {
    kind,
    indication,
    subIndication: decisive?.subIndication,
    labelVi: INDICATION_LABELS_VI[indication],
    signatures,
  };
}

const nameOf = (certificate: Certificate | undefined): string | undefined =>
  certificate && (certificate.commonName ?? certificate.subject);
const issuerNameOf = (certificate: Certificate | undefined): string | undefined => {
  if (!certificate) return undefined;
  const cn = certificate.parsed.issuer.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : certificate.issuer;
};

/** The issuers of every certificate below the anchor of the given paths, each once. */
function pathIssuersOf(...paths: (Certificate[] | undefined)[]): string[] {
  const issuers = paths.flatMap((path) => (path ?? []).slice(0, -1).map((c) => c.issuerKey));
  return [...new Set(issuers)];
}

/** Certificates, CRLs and OCSP responses of the document security store (/DSS /Certs, /CRLs, /OCSPs). */
function dssMaterial(document: PdfDocument): {
  certificates: Certificate[];
  crls: RevocationList[];
  ocsps: OcspResponse[];
} {
  const certificates: Certificate[] = [];
  const crls: RevocationList[] = [];
  const ocsps: OcspResponse[] = [];
  const dss = document.resolveDict(document.catalog().get('DSS'));
  const streams = (key: string): PdfStream[] => {
    const list = document.resolve(dss?.get(key));
    return Array.isArray(list)
      ? list
          .map((item) => document.resolve(item))
          .filter((item): item is PdfStream => item instanceof PdfStream)
      : [];
  };
  for (const stream of streams('Certs')) {
    try {
      certificates.push(Certificate.cached(document.decode(stream)));
    } catch (error) {
      // An unreadable DSS entry is simply not used; a limit reached while decoding it stops the verification.
      if (error instanceof PdfError && error.code === 'LIMIT_EXCEEDED') throw error;
    }
  }
  for (const stream of streams('CRLs')) {
    try {
      crls.push(RevocationList.cached(document.decode(stream)));
    } catch (error) {
      if (error instanceof PdfError && error.code === 'LIMIT_EXCEEDED') throw error;
    }
  }
  for (const stream of streams('OCSPs')) {
    try {
      ocsps.push(OcspResponse.fromDer(document.decode(stream)));
    } catch (error) {
      if (error instanceof PdfError && error.code === 'LIMIT_EXCEEDED') throw error;
    }
  }
  return { certificates, crls, ocsps };
}

interface SignerContext {
  trust: TrustMaterial;
  now: Date;
  pool: Certificate[];
  crls: RevocationList[];
  ocsps: OcspResponse[];
  /** Earliest time proven by a valid document timestamp covering this signature. */
  documentTimestamp?: Date;
  claimedTime?: Date;
  requireSigningCertificateAttribute: boolean;
}

/** CMS signer checks, signature timestamp, signing time and path validation of one signature. */
function verifySignatureCms(
  cms: ParsedCms,
  content: Uint8Array[],
  checks: CheckList,
  context: SignerContext,
) {
  const signer = verifyCmsSigner(cms, content, checks, {
    requireSigningCertificateAttribute: context.requireSigningCertificateAttribute,
  });
  let timestamp: TimestampVerification | undefined;
  if (signer.timestampToken) {
    timestamp = verifyTimestampToken(signer.timestampToken, [signer.signatureValue], {
      trust: context.trust,
      now: context.now,
      pool: [...cms.certificates, ...context.pool],
      crls: [...cms.crls, ...signer.archivedCrls, ...context.crls],
      ocsps: [...signer.archivedOcsps, ...context.ocsps],
    });
    if (timestamp.valid)
      checks.ok(
        'TIMESTAMP',
        `signature timestamp ${timestamp.genTime!.toISOString()} by ${nameOf(timestamp.tsa)}`,
      );
    else {
      const failed = timestamp.checks.list().filter((check) => check.status === 'NOT_OK');
      checks.fail(
        'TIMESTAMP',
        'SIGNED_ATTRIBUTES_INVALID',
        `signature timestamp not valid: ${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}`,
      );
    }
  } else if (context.documentTimestamp)
    checks.ok('TIMESTAMP', `covered by a document timestamp ${context.documentTimestamp.toISOString()}`);
  else checks.skip('TIMESTAMP', 'no timestamp');

  let signingTime: Date;
  let source: SignatureReport['signingTimeSource'];
  if (timestamp?.valid && timestamp.genTime) [signingTime, source] = [timestamp.genTime, 'TIMESTAMP'];
  else if (context.documentTimestamp)
    [signingTime, source] = [context.documentTimestamp, 'DOCUMENT_TIMESTAMP'];
  else if (signer.signingTime) [signingTime, source] = [signer.signingTime, 'SIGNED_ATTRIBUTE'];
  else if (context.claimedTime) [signingTime, source] = [context.claimedTime, 'PDF_DICTIONARY'];
  else [signingTime, source] = [context.now, 'NONE'];
  // The claimed time (not proven) is used for validity; a proven time also for revocation.
  const proven = source === 'TIMESTAMP' || source === 'DOCUMENT_TIMESTAMP';
  const claimed = signer.signingTime ?? context.claimedTime;

  let path: Certificate[] | undefined;
  if (signer.certificate) {
    path = validateChain(
      {
        signer: signer.certificate,
        pool: [...cms.certificates, ...context.pool],
        embeddedCrls: [...cms.crls, ...signer.archivedCrls, ...context.crls],
        ocsps: [...signer.archivedOcsps, ...context.ocsps],
        trust: context.trust,
        signingTime,
        proven,
        now: context.now,
        purpose: 'signature',
      },
      checks,
    );
  }
  return {
    signer: nameOf(signer.certificate),
    issuer: issuerNameOf(signer.certificate),
    pathIssuers: pathIssuersOf(path, timestamp?.path),
    signingTime: (proven ? signingTime : (claimed ?? undefined))?.toISOString(),
    signingTimeSource: proven
      ? source
      : claimed
        ? signer.signingTime
          ? 'SIGNED_ATTRIBUTE'
          : 'PDF_DICTIONARY'
        : ('NONE' as const),
  };
}

function report(
  type: SignatureReport['type'],
  checks: CheckList,
  applicable: readonly CheckName[],
  details: Partial<SignatureReport>,
): SignatureReport {
  return {
    type,
    signingTimeSource: 'NONE',
    ...details,
    ...outcome(decisiveFailure(checks.failures())),
    checks: checks.list(applicable),
  };
}

/** Verifies every signature and document timestamp of a PDF. */
export function verifyPdf(bytes: Uint8Array, context: VerifierContext): VerificationReport {
  const now = context.now ?? new Date();
  try {
    return verifyPdfStructure(bytes, context, now);
  } catch (error) {
    if (error instanceof PdfError)
      return documentFailure('PDF', 'UNREADABLE_DOCUMENT', `${error.code}: ${error.message}`);
    // V8 throws RangeError when an allocation or the stack runs out: a resource limit, not a format.
    if (error instanceof RangeError)
      return documentFailure(
        'PDF',
        'UNREADABLE_DOCUMENT',
        `LIMIT_EXCEEDED: memory limit exceeded or stack exhausted (${error.message})`,
      );
    // A structure the parser or the decoders did not expect is a format failure of the file, never a 500.
    return documentFailure('PDF', 'UNREADABLE_DOCUMENT', `unexpected structure: ${describeError(error)}`);
  }
}

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** A signature's CMS checks; an unexpected structure inside the CMS fails its FORMAT check instead of throwing. */
function guardedSignatureCms(...args: Parameters<typeof verifySignatureCms>): Partial<SignatureReport> {
  try {
    return verifySignatureCms(...args);
  } catch (error) {
    if (error instanceof PdfError && error.code === 'LIMIT_EXCEEDED') throw error;
    args[2].fail(
      'FORMAT',
      'CMS_UNREADABLE',
      error instanceof CmsFormatError ? error.message : `unexpected CMS structure: ${describeError(error)}`,
    );
    return {};
  }
}

/**
 * The document as it stands: strictly parsed when its cross-reference holds; otherwise read the way lenient
 * viewers do (objects found by scanning) or, failing that, up to its newest revision that parses, with
 * why, so that an unreadable later update over a readable signed revision is named as a change.
 */
function readFinal(
  bytes: Uint8Array,
  layout: RevisionLayout,
  limits: Partial<PdfLimits> | undefined,
): { final: PdfDocument; unreadable?: string } {
  const whole = bytes.subarray(0, layout.lastEnd);
  let failure: PdfError;
  try {
    const final = PdfDocument.parse(whole, limits);
    const problems = final.xrefProblems();
    if (problems.length === 0) return { final };
    failure = new PdfError('MALFORMED', problems.join('; '));
  } catch (error) {
    if (!(error instanceof PdfError) || error.code !== 'MALFORMED') throw error;
    failure = error;
  }
  try {
    return {
      final: PdfDocument.reconstruct(whole, limits),
      unreadable: `the cross-reference of the last update cannot be followed (${failure.message}); read by scanning the file as lenient viewers do`,
    };
  } catch (error) {
    if (error instanceof PdfError && error.code === 'LIMIT_EXCEEDED') throw error;
  }
  for (const end of findRevisionEnds(whole).reverse()) {
    if (end >= layout.lastEnd) continue;
    try {
      return {
        final: PdfDocument.parse(bytes.subarray(0, end), limits),
        unreadable: `the update after byte ${end} cannot be read (${failure.message})`,
      };
    } catch {
      // an earlier revision, then
    }
  }
  throw failure;
}

function verifyPdfStructure(bytes: Uint8Array, context: VerifierContext, now: Date): VerificationReport {
  const layout = revisionLayout(bytes);
  const { final, unreadable } = readFinal(bytes, layout, context.limits);
  const fields = findSignatureFields(final);
  if (fields.length === 0) return documentFailure('PDF', 'NO_SIGNATURE', 'the document holds no signature');
  // Each signature re-reads its revision: bound the work a file with thousands of fields could ask for.
  if (fields.length > MAX_SIGNATURES) {
    return documentFailure(
      'PDF',
      'UNREADABLE_DOCUMENT',
      `LIMIT_EXCEEDED: more than ${MAX_SIGNATURES} signatures`,
    );
  }
  const dss = dssMaterial(final);
  const trailing = bytes.subarray(layout.lastEnd);
  const junk = trailing.some((b) => b !== 0x00 && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)
    ? `${trailing.length} bytes of unsigned data after the last %%EOF`
    : undefined;
  const certification = fields.find((field) => field.docMdp !== undefined);

  // Per field: structure and changes first; document timestamps before signatures (they give POE).
  const prepared = fields.map((field) => {
    const checks = new CheckList();
    const supported =
      field.subFilter !== undefined && SUPPORTED_SUBFILTERS[field.kind].includes(field.subFilter);
    const range = checkByteRange(bytes, field, final, layout);
    if ('reason' in range) checks.fail('BYTE_RANGE', 'BYTE_RANGE_INVALID', range.reason);
    else {
      checks.ok(
        'BYTE_RANGE',
        `[${field.byteRange!.join(' ')}] covers the revision ending at byte ${range.end} except /Contents`,
      );
      const changes = analyseChanges(
        range.revision,
        final,
        certification &&
          certification.byteRange &&
          range.end >= certification.byteRange[2] + certification.byteRange[3]
          ? certification.docMdp
          : undefined,
      );
      const disallowed = [
        ...changes.disallowed,
        ...(junk ? [junk] : []),
        ...(unreadable && range.end < layout.lastEnd ? [unreadable] : []),
      ];
      if (disallowed.length > 0) checks.fail('MODIFICATIONS', 'UNSIGNED_CHANGES', disallowed.join('; '));
      else
        checks.ok(
          'MODIFICATIONS',
          changes.allowed.length > 0
            ? `allowed later changes: ${changes.allowed.join('; ')}`
            : 'no later change',
        );
    }
    let cms: ParsedCms | undefined;
    if (!supported)
      checks.fail('FORMAT', 'CMS_UNREADABLE', `SubFilter ${field.subFilter ?? '(none)'} is not supported`);
    else {
      try {
        cms = parseCms(field.contents?.bytes ?? new Uint8Array());
        checks.ok('FORMAT', field.subFilter);
      } catch (error) {
        if (error instanceof PdfError && error.code === 'LIMIT_EXCEEDED') throw error;
        checks.fail(
          'FORMAT',
          'CMS_UNREADABLE',
          error instanceof CmsFormatError
            ? error.message
            : `unexpected CMS structure: ${describeError(error)}`,
        );
      }
    }
    const rangeUsable =
      field.byteRange?.length === 4 &&
      field.byteRange.every((n) => n >= 0) &&
      field.byteRange[2] + field.byteRange[3] <= bytes.length &&
      field.byteRange[0] + field.byteRange[1] <= bytes.length;
    return {
      field,
      checks,
      cms,
      content: rangeUsable ? signedParts(bytes, field.byteRange!) : undefined,
      end: 'end' in range ? range.end : undefined,
    };
  });

  const timestamps: { end: number; genTime: Date }[] = [];
  const reports = new Map<PdfSignatureField, SignatureReport>();
  for (const item of prepared.filter((entry) => entry.field.kind === 'DOCUMENT_TIMESTAMP')) {
    let details: Partial<SignatureReport> = {};
    if (item.cms && item.content) {
      const result = verifyTimestampToken(item.field.contents!.bytes, item.content, {
        trust: context.trust,
        now,
        pool: dss.certificates,
        crls: dss.crls,
        ocsps: dss.ocsps,
      });
      for (const check of result.checks.list()) {
        if (check.status === 'OK') item.checks.ok(check.name, check.detail);
        else if (check.status === 'NOT_OK') item.checks.fail(check.name, check.failure!, check.detail ?? '');
      }
      if (result.valid && result.genTime && item.end !== undefined && item.checks.failures().length === 0) {
        timestamps.push({ end: item.end, genTime: result.genTime });
      }
      details = {
        signer: nameOf(result.tsa),
        issuer: issuerNameOf(result.tsa),
        pathIssuers: pathIssuersOf(result.path),
        signingTime: result.genTime?.toISOString(),
        signingTimeSource: 'TIMESTAMP',
      };
    }
    reports.set(
      item.field,
      report('DOCUMENT_TIMESTAMP', item.checks, PDF_CHECKS, {
        fieldName: item.field.fieldName,
        subFilter: item.field.subFilter,
        ...details,
      }),
    );
  }
  for (const item of prepared.filter((entry) => entry.field.kind === 'SIGNATURE')) {
    let details: Partial<SignatureReport> = {};
    if (item.cms && item.content) {
      const covering = timestamps
        .filter((ts) => item.end !== undefined && ts.end > item.end)
        .map((ts) => ts.genTime);
      details = guardedSignatureCms(item.cms, item.content, item.checks, {
        trust: context.trust,
        now,
        pool: dss.certificates,
        crls: dss.crls,
        ocsps: dss.ocsps,
        documentTimestamp:
          covering.length > 0 ? new Date(Math.min(...covering.map((d) => d.getTime()))) : undefined,
        claimedTime: item.field.claimedTime,
        requireSigningCertificateAttribute: item.field.subFilter === 'ETSI.CAdES.detached',
      });
    }
    reports.set(
      item.field,
      report('SIGNATURE', item.checks, PDF_CHECKS, {
        fieldName: item.field.fieldName,
        subFilter: item.field.subFilter,
        ...details,
      }),
    );
  }
  return aggregate(
    'PDF',
    fields.map((field) => reports.get(field)!),
  );
}

/** Verifies a detached CMS signature over `content` (or an attached one when content is absent). */
export function verifyDetached(
  content: Uint8Array | undefined,
  signature: Uint8Array,
  context: VerifierContext,
): VerificationReport {
  const now = context.now ?? new Date();
  const checks = new CheckList();
  let cms: ParsedCms;
  try {
    cms = parseCms(signature);
  } catch (error) {
    if (!(error instanceof CmsFormatError)) throw error;
    return documentFailure('DETACHED_CMS', 'CMS_UNREADABLE', error.message);
  }
  const data = content ?? cms.eContent;
  if (!data)
    return documentFailure('DETACHED_CMS', 'NO_SIGNATURE', 'a detached signature needs the signed file');
  checks.ok('FORMAT', cms.eContent ? 'CMS SignedData (attached content)' : 'CMS SignedData (detached)');
  const details = guardedSignatureCms(cms, [data], checks, {
    trust: context.trust,
    now,
    pool: [],
    crls: [],
    ocsps: [],
    requireSigningCertificateAttribute: false,
  });
  return aggregate('DETACHED_CMS', [report('SIGNATURE', checks, DETACHED_CHECKS, details)]);
}

export const isPdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
