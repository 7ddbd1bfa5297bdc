// Signs PDFs the way PAdES signers do: an incremental update adding a signature field, a signature
// dictionary with a reserved /Contents hole, then the CMS. Used by intake to sign the one-stop forms and by
// the test PKI (libs/test-pki) for tests and the benchmark.
import { PdfDocument } from '../document';
import {
  appendIncrementalUpdate,
  nextObjectNumber,
  serializePdfValue,
  type IncrementalObject,
} from '../incremental';
import { PdfDict, PdfRef, type PdfValue } from '../objects';
import { buildCms, buildCmsAsync, buildTimestampToken, type CmsOptions } from './cms';
import type { Issued } from './certificates';

export interface SignPdfOptions extends Omit<CmsOptions, 'eContent' | 'eContentType'> {
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  fieldName?: string;
  /** Make this a certification signature with DocMDP permission P. */
  docMdp?: 1 | 2 | 3;
  /** Bytes reserved for the CMS. */
  reserve?: number;
  /** The signature's /Reason (e.g. the form's title) and /Location. */
  reason?: string;
  location?: string;
  /** Replace the CMS (tampering tests); receives the signed parts. */
  cms?: (parts: Uint8Array[]) => Uint8Array;
}

const dictWith = (dict: PdfDict, changes: Record<string, PdfValue>): PdfDict => {
  const entries = new Map(dict.entries);
  for (const [key, value] of Object.entries(changes)) entries.set(key, value);
  return new PdfDict(entries, 0, 0);
};

const literal = (text: string) =>
  `<${Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]).toString('hex')}>`;

const pdfDate = (date: Date) => `(D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

function firstPage(document: PdfDocument): { ref: PdfRef; dict: PdfDict } {
  let node: PdfValue | undefined = document.catalog().get('Pages');
  for (let depth = 0; depth < 32; depth += 1) {
    const dict = document.resolveDict(node);
    if (!dict) break;
    const kids = document.resolve(dict.get('Kids'));
    if (!Array.isArray(kids)) return { ref: node as PdfRef, dict };
    node = kids[0];
  }
  throw new Error('no page');
}

/** Bytes reserved for the CMS by default (certificates, CRLs). */
const DEFAULT_RESERVE = 24_000;
/** Room for a TSA's token on top: a token with its TSA certificate chain is 2-8 KB. */
const TIMESTAMP_TOKEN_RESERVE = 16_000;

type DocumentTimestampOptions = {
  kind: 'timestamp';
  tsa: Issued;
  chain?: Issued[];
  genTime?: Date;
  reserve?: number;
};

/**
 * Adds a signature field and signs it (CMS from `options`), or a document timestamp when
 * `kind` is 'timestamp'. Returns the new file (an incremental update of `pdf`).
 */
export function signPdf(pdf: Uint8Array, options: SignPdfOptions | DocumentTimestampOptions): Uint8Array {
  const prepared = prepareSignature(pdf, options);
  const { parts } = prepared;
  if ('kind' in options)
    return prepared.fill(
      buildTimestampToken(parts, options.tsa, options.genTime ?? new Date(), options.chain),
    );
  return prepared.fill(options.cms ? options.cms(parts) : buildCms(parts, options));
}

/**
 * The same signature with an RFC 3161 signature-time-stamp token that `timestamp` obtains over the signature
 * value (PAdES B-T; e.g. from a TSA with requestTimestamp).
 */
export async function signPdfAsync(
  pdf: Uint8Array,
  options: Omit<SignPdfOptions, 'cms' | 'timestampBy' | 'timestampTime' | 'timestampOver'>,
  timestamp: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const prepared = prepareSignature(pdf, {
    ...options,
    reserve: options.reserve ?? DEFAULT_RESERVE + TIMESTAMP_TOKEN_RESERVE + embeddedBytes(options),
  });
  return prepared.fill(await buildCmsAsync(prepared.parts, options, timestamp));
}

/**
 * What the CMS carries besides the signature: the chain's certificates and the archived CRLs and OCSP responses,
 * counted into the default reserve so that a large CRL (a national CA's runs to megabytes) does not overflow it.
 */
function embeddedBytes(options: SignPdfOptions | DocumentTimestampOptions): number {
  const certificates = (options.chain ?? []).reduce((sum, c) => sum + c.certificate.der.length, 0);
  if ('kind' in options) return certificates;
  const crls = (options.archivedCrls ?? []).reduce((sum, crl) => sum + crl.der.length, 0);
  const ocsps = (options.archivedOcsps ?? []).reduce((sum, der) => sum + der.length, 0);
  return certificates + crls + ocsps;
}

/** The incremental update with its /Contents hole: the signed parts, and how to put the CMS in the hole. */
function prepareSignature(
  pdf: Uint8Array,
  options: SignPdfOptions | DocumentTimestampOptions,
): { parts: Uint8Array[]; fill: (cms: Uint8Array) => Uint8Array } {
  const document = PdfDocument.parse(pdf);
  const catalogRef = document.trailer.get('Root') as PdfRef;
  const catalog = document.catalog();
  const page = firstPage(document);
  const next = nextObjectNumber(document);
  const sigNum = next;
  const fieldNum = next + 1;
  const isTimestamp = 'kind' in options;
  const reserve = options.reserve ?? DEFAULT_RESERVE + embeddedBytes(options);
  const fieldName = isTimestamp ? `Timestamp${next}` : (options.fieldName ?? `Signature${next}`);
  const objects: IncrementalObject[] = [];

  const placeholderRange = '/ByteRange [0 ********** ********** **********]';
  const sigDict = isTimestamp
    ? `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 ${placeholderRange} /Contents <${'0'.repeat(reserve * 2)}> >>`
    : `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${options.subFilter ?? 'ETSI.CAdES.detached'} /M ${pdfDate(options.signingTime ?? new Date())} /Name ${literal(options.signer.name)}${options.reason ? ` /Reason ${literal(options.reason)}` : ''}${options.location ? ` /Location ${literal(options.location)}` : ''}${
        options.docMdp
          ? ` /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${options.docMdp} /V /1.2 >> >>]`
          : ''
      } ${placeholderRange} /Contents <${'0'.repeat(reserve * 2)}> >>`;
  objects.push({ num: sigNum, body: sigDict });
  objects.push({
    num: fieldNum,
    body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${literal(fieldName)} /V ${sigNum} 0 R /F 132 /Rect [0 0 0 0] /P ${page.ref.num} ${page.ref.gen} R >>`,
  });

  // AcroForm: update the indirect one or create one; the catalog points at it.
  const acroRef = catalog.get('AcroForm');
  const catalogChanges: Record<string, PdfValue> = {};
  if (acroRef instanceof PdfRef) {
    const acro = document.resolveDict(acroRef)!;
    const fields = document.resolve(acro.get('Fields'));
    objects.push({
      num: acroRef.num,
      body: serializePdfValue(
        dictWith(acro, {
          Fields: [...(Array.isArray(fields) ? fields : []), new PdfRef(fieldNum, 0)],
          SigFlags: 3,
        }),
      ),
    });
  } else {
    const acroNum = next + 2;
    objects.push({ num: acroNum, body: `<< /Fields [${fieldNum} 0 R] /SigFlags 3 >>` });
    catalogChanges.AcroForm = new PdfRef(acroNum, 0);
  }
  if (!isTimestamp && options.docMdp) {
    catalogChanges.Perms = new PdfDict(new Map([['DocMDP', new PdfRef(sigNum, 0)]]), 0, 0);
  }
  if (Object.keys(catalogChanges).length > 0) {
    objects.push({ num: catalogRef.num, body: serializePdfValue(dictWith(catalog, catalogChanges)) });
  }
  const annotsRef = page.dict.get('Annots');
  const annots = document.resolve(annotsRef);
  const widgets = [...(Array.isArray(annots) ? annots : []), new PdfRef(fieldNum, 0)];
  // An indirect /Annots array (as iText writes) is updated in place; otherwise the page is.
  if (annotsRef instanceof PdfRef) objects.push({ num: annotsRef.num, body: serializePdfValue(widgets) });
  else objects.push({ num: page.ref.num, body: serializePdfValue(dictWith(page.dict, { Annots: widgets })) });

  const unsigned = Buffer.from(appendIncrementalUpdate(pdf, objects));
  // Locate the placeholders in the new revision and fill the ByteRange.
  const rangeAt = unsigned.indexOf(placeholderRange, pdf.length, 'latin1');
  const holeStart = unsigned.indexOf('/Contents <', rangeAt, 'latin1') + '/Contents '.length;
  const holeEnd = holeStart + reserve * 2 + 2;
  const range = [0, holeStart, holeEnd, unsigned.length - holeEnd];
  const rangeText = `/ByteRange [${range.map((n, i) => (i === 0 ? '0' : String(n).padEnd(10, ' '))).join(' ')}]`;
  if (rangeText.length !== placeholderRange.length) throw new Error('ByteRange does not fit its placeholder');
  unsigned.write(rangeText, rangeAt, 'latin1');
  const parts = [unsigned.subarray(0, holeStart), unsigned.subarray(holeEnd)];
  const fill = (cms: Uint8Array) => {
    const hex = Buffer.from(cms).toString('hex');
    if (hex.length > reserve * 2) throw new Error('CMS larger than the reserved /Contents');
    unsigned.write(hex, holeStart + 1, 'latin1');
    return new Uint8Array(unsigned);
  };
  return { parts, fill };
}

/** Adds a document security store (certificates and CRLs, PAdES-LT style) by incremental update. */
export function addDss(
  pdf: Uint8Array,
  material: { certificates: Uint8Array[]; crls: Uint8Array[]; ocsps?: Uint8Array[] },
): Uint8Array {
  const document = PdfDocument.parse(pdf);
  const catalogRef = document.trailer.get('Root') as PdfRef;
  let num = nextObjectNumber(document);
  const objects: IncrementalObject[] = [];
  const streams = (items: Uint8Array[]) =>
    items.map((der) => {
      const ref = new PdfRef(num++, 0);
      objects.push({
        num: ref.num,
        body: Buffer.concat([
          Buffer.from(`<< /Length ${der.length} >>\nstream\n`),
          Buffer.from(der),
          Buffer.from('\nendstream'),
        ]),
      });
      return ref;
    });
  const certs = streams(material.certificates);
  const crls = streams(material.crls);
  const ocsps = streams(material.ocsps ?? []);
  const dssNum = num++;
  objects.push({
    num: dssNum,
    body: serializePdfValue(
      new PdfDict(
        new Map<string, PdfValue>([
          ['Certs', certs],
          ['CRLs', crls],
          ['OCSPs', ocsps],
        ]),
        0,
        0,
      ),
    ),
  });
  objects.push({
    num: catalogRef.num,
    body: serializePdfValue(dictWith(document.catalog(), { DSS: new PdfRef(dssNum, 0) })),
  });
  return appendIncrementalUpdate(pdf, objects);
}
