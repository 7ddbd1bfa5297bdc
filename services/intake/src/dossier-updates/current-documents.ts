import type {
  DocumentState,
  DossierComponentState,
  DossierResultState,
  SignatureState,
} from '../dossiers/dossier.entity';
import type { DossierDocumentEntity, SignatureReport } from './dossier-document.entity';

/** What the derivation needs of a stored document row. */
export type KnownDocument = Pick<
  DossierDocumentEntity,
  | 'documentId'
  | 'componentCode'
  | 'source'
  | 'kind'
  | 'occurredAt'
  | 'documentVersion'
  | 'previousDocumentId'
  | 'sourceDocumentId'
  | 'recordId'
  | 'digitizationLevel'
  | 'sha256'
  | 'signature'
>;

/** The fields a document puts on a component; cleared before the current document's are set. */
const DOCUMENT_FIELDS: ReadonlyArray<keyof DocumentState> = [
  'documentId',
  'kind',
  'digitizationLevel',
  'version',
  'reused',
  'recordId',
  'signature',
];

/** Of two reports about one document, the one verified last (ties: the greater verification id, so replays agree). */
export function laterReport(a: SignatureReport | null | undefined, b: SignatureReport): SignatureReport {
  if (!a) return b;
  const byTime = Date.parse(b.verifiedAt) - Date.parse(a.verifiedAt);
  if (byTime !== 0) return byTime > 0 ? b : a;
  return b.verificationId > a.verificationId ? b : a;
}

export function signatureState(report: SignatureReport): SignatureState {
  const unsigned = report.signatureCount === 0;
  return {
    status: unsigned ? 'UNSIGNED' : report.indication,
    ...(unsigned ? {} : { indication: report.indication }),
    ...(!unsigned && report.subIndication ? { subIndication: report.subIndication } : {}),
    verificationId: report.verificationId,
    verifiedAt: report.verifiedAt,
    ...(report.signatureCount === undefined ? {} : { signatureCount: report.signatureCount }),
  };
}

/**
 * The current document of each component: the latest by event time (storedAt / reusedAt), a version named as
 * another's `previousDocumentId` losing to it whatever the clocks say; ties go to the higher version.
 */
export function currentDocuments(documents: KnownDocument[]): {
  components: Map<string, KnownDocument>;
  results: Map<string, KnownDocument>;
} {
  const known = documents.filter((d) => d.source !== null && d.occurredAt !== null);
  const superseded = new Set(known.map((d) => d.previousDocumentId).filter((id): id is string => !!id));
  const newestFirst = [...known].sort(
    (a, b) =>
      Number(superseded.has(a.documentId)) - Number(superseded.has(b.documentId)) ||
      b.occurredAt!.getTime() - a.occurredAt!.getTime() ||
      (b.documentVersion ?? 0) - (a.documentVersion ?? 0) ||
      (a.documentId < b.documentId ? 1 : a.documentId > b.documentId ? -1 : 0),
  );
  const components = new Map<string, KnownDocument>();
  const results = new Map<string, KnownDocument>();
  for (const document of newestFirst) {
    // The agency's own forms (issued_form) are documents of the dossier, not a component or a result of it.
    if (document.kind === 'FORM') continue;
    const into = document.kind === 'RESULT' ? results : components;
    if (!into.has(document.componentCode)) into.set(document.componentCode, document);
  }
  return { components, results };
}

/**
 * The report shown for a document: its own, or for a reuse the report on the bytes it reuses. A report whose
 * sha256 differs from the document's is about other bytes and is not shown.
 */
function reportFor(document: KnownDocument, byId: Map<string, KnownDocument>): SignatureReport | undefined {
  const matches = (report: SignatureReport | null | undefined) =>
    report && (!report.sha256 || !document.sha256 || report.sha256 === document.sha256) ? report : undefined;
  const own = matches(document.signature);
  if (own || !document.sourceDocumentId) return own;
  return matches(byId.get(document.sourceDocumentId)?.signature);
}

function documentState(document: KnownDocument, byId: Map<string, KnownDocument>): DocumentState {
  const report = reportFor(document, byId);
  return {
    documentId: document.documentId,
    ...(document.kind && document.kind !== 'FORM' ? { kind: document.kind } : {}),
    ...(document.digitizationLevel ? { digitizationLevel: document.digitizationLevel } : {}),
    ...(document.documentVersion ? { version: document.documentVersion } : {}),
    ...(document.source === 'REUSED' ? { reused: true } : {}),
    ...(document.recordId ? { recordId: document.recordId } : {}),
    ...(report ? { signature: signatureState(report) } : {}),
  };
}

/**
 * The dossier's components and results from the documents intake knows. Catalogue components keep their name and
 * flags and take their current document's fields (a component with no document yet is left as the clerk set it);
 * a document of a code the catalogue lacks is shown as a component with `inCatalogue: false`; RESULT documents
 * are the results. `documents` may include other dossiers' documents a reuse refers to.
 */
export function deriveDossierDocuments(
  components: DossierComponentState[],
  documents: KnownDocument[],
  dossierDocumentIds: ReadonlySet<string>,
): { components: DossierComponentState[]; results: DossierResultState[] } {
  const byId = new Map(documents.map((d) => [d.documentId, d]));
  const current = currentDocuments(documents.filter((d) => dossierDocumentIds.has(d.documentId)));
  const catalogue = components.filter((c) => c.inCatalogue !== false);
  const catalogueCodes = new Set(catalogue.map((c) => c.code));

  const withDocument = (component: DossierComponentState, document: KnownDocument): DossierComponentState => {
    const bare = { ...component };
    for (const field of DOCUMENT_FIELDS) delete bare[field];
    return { ...bare, provided: true, ...documentState(document, byId) };
  };
  const listed = catalogue.map((c) => {
    const document = current.components.get(c.code);
    return document ? withDocument(c, document) : c;
  });
  const outside = [...current.components.values()]
    .filter((d) => !catalogueCodes.has(d.componentCode))
    .sort((a, b) => (a.componentCode < b.componentCode ? -1 : 1))
    .map((d) => withDocument({ code: d.componentCode, provided: true, inCatalogue: false }, d));
  const results = [...current.results.values()]
    .sort((a, b) => (a.componentCode < b.componentCode ? -1 : 1))
    .map((d) => ({ code: d.componentCode, ...documentState(d, byId), documentId: d.documentId }));
  return { components: [...listed, ...outside], results };
}
