import {
  findRevisionEnds,
  isDict,
  isInteger,
  isName,
  PdfDict,
  PdfDocument,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  pdfValuesEqual,
  type PdfValue,
} from '@motcua/pdf';

/** A signature (or document timestamp) field of the AcroForm with its value dictionary. */
export interface PdfSignatureField {
  fieldName?: string;
  /** The file object whose bytes hold the signature dictionary (its /Contents hole). */
  hostNum?: number;
  dict: PdfDict;
  byteRange?: number[];
  contents?: PdfString;
  subFilter?: string;
  kind: 'SIGNATURE' | 'DOCUMENT_TIMESTAMP';
  /** /M of the signature dictionary (claimed, unsigned). */
  claimedTime?: Date;
  /** DocMDP permission (1–3) when this is a certification signature. */
  docMdp?: number;
}

const MAX_FIELDS = 10_000;

function text(value: PdfValue | undefined): string | undefined {
  return value instanceof PdfString ? value.text() : undefined;
}

/** Parses a PDF date (D:YYYYMMDDHHmmSSOHH'mm'). */
export function parsePdfDate(value: string | undefined): Date | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(
    value ?? '',
  );
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = match;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const offset = (+oh * 60 + +om) * 60_000 * (sign === '-' ? -1 : sign === '+' ? 1 : 0);
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Signature fields reachable from /AcroForm /Fields (with /Kids), in file order of their ByteRange end. */
export function findSignatureFields(document: PdfDocument): PdfSignatureField[] {
  const acroForm = document.resolveDict(document.catalog().get('AcroForm'));
  const fields: PdfSignatureField[] = [];
  const end = (field: PdfSignatureField) =>
    field.byteRange ? field.byteRange[2] + field.byteRange[3] : Number.MAX_SAFE_INTEGER;
  if (!acroForm) return [...fields, ...orphanSignatures(document, fields)].sort((a, b) => end(a) - end(b));
  const visited = new Set<number>();
  let seen = 0;
  const visit = (
    item: PdfValue | undefined,
    inheritedType: string | undefined,
    parentName: string | undefined,
    depth: number,
  ): void => {
    if (depth > 32 || (seen += 1) > MAX_FIELDS) return;
    const num = item instanceof PdfRef ? item.num : undefined;
    if (num !== undefined) {
      if (visited.has(num)) return;
      visited.add(num);
    }
    const field = document.resolveDict(item);
    if (!field) return;
    const type = field.get('FT') instanceof PdfName ? (field.get('FT') as PdfName).name : inheritedType;
    const partial = text(field.get('T'));
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const kids = document.resolve(field.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) visit(kid, type, name, depth + 1);
    if (type !== 'Sig') return;
    const valueRef = field.get('V');
    const value = document.resolve(valueRef);
    if (!isDict(value)) return;
    const hostNum = valueRef instanceof PdfRef ? valueRef.num : num;
    fields.push(signatureField(document, value, hostNum, name));
  };
  const list = document.resolve(acroForm.get('Fields'));
  if (Array.isArray(list)) for (const item of list) visit(item, undefined, undefined, 0);
  return [...fields, ...orphanSignatures(document, fields)].sort((a, b) => end(a) - end(b));
}

function signatureField(
  document: PdfDocument,
  value: PdfDict,
  hostNum: number | undefined,
  name: string | undefined,
): PdfSignatureField {
  const byteRange = document.resolve(value.get('ByteRange'));
  const contents = value.get('Contents');
  const subFilter = document.resolve(value.get('SubFilter'));
  const kind =
    isName(value.get('Type'), 'DocTimeStamp') || isName(subFilter, 'ETSI.RFC3161')
      ? 'DOCUMENT_TIMESTAMP'
      : 'SIGNATURE';
  return {
    fieldName: name,
    hostNum,
    dict: value,
    byteRange:
      Array.isArray(byteRange) && byteRange.every((n) => isInteger(n)) ? (byteRange as number[]) : undefined,
    contents: contents instanceof PdfString ? contents : undefined,
    subFilter: subFilter instanceof PdfName ? subFilter.name : undefined,
    kind,
    claimedTime: parsePdfDate(text(value.get('M'))),
    docMdp: docMdpOf(document, value),
  };
}

/**
 * Signature dictionaries of the file that no form field lists (a field removed by a later update, or a
 * signature never linked): verified too, so that removing a signature's field cannot hide it. Found by
 * the objects whose bytes hold a /ByteRange key.
 */
function orphanSignatures(document: PdfDocument, known: PdfSignatureField[]): PdfSignatureField[] {
  const bytes = document.bytes;
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hits: number[] = [];
  for (
    let at = haystack.indexOf('/ByteRange');
    at >= 0 && hits.length < 1000;
    at = haystack.indexOf('/ByteRange', at + 1)
  )
    hits.push(at);
  if (hits.length === 0) return [];
  const objects = [...document.xref.entries()]
    .flatMap(([num, entry]) => (entry.type === 'offset' ? [{ num, offset: entry.offset }] : []))
    .sort((a, b) => a.offset - b.offset);
  const candidates = new Set<number>();
  for (const hit of hits) {
    let low = 0;
    let high = objects.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (objects[middle].offset <= hit) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found >= 0) candidates.add(objects[found].num);
  }
  const knownHosts = new Set(known.map((field) => field.hostNum));
  const orphans: PdfSignatureField[] = [];
  for (const num of candidates) {
    if (knownHosts.has(num)) continue;
    let value: PdfValue;
    try {
      value = document.getObject(num);
    } catch {
      continue; // an unreadable object holding the text "/ByteRange" is not a signature
    }
    if (!isDict(value) || !(isName(value.get('Type'), 'Sig') || isName(value.get('Type'), 'DocTimeStamp')))
      continue;
    if (!value.has('ByteRange') || !value.has('Contents')) continue;
    orphans.push(signatureField(document, value, num, undefined));
  }
  return orphans;
}

function docMdpOf(document: PdfDocument, signature: PdfDict): number | undefined {
  const references = document.resolve(signature.get('Reference'));
  if (!Array.isArray(references)) return undefined;
  for (const reference of references) {
    const dict = document.resolveDict(reference);
    if (dict && isName(document.resolve(dict.get('TransformMethod')), 'DocMDP')) {
      const params = document.resolveDict(dict.get('TransformParams'));
      const p = document.resolve(params?.get('P'));
      return isInteger(p) && p >= 1 && p <= 3 ? p : 2;
    }
  }
  return undefined;
}

export interface RevisionLayout {
  /** Offsets a signed revision may end at (after %%EOF, with or without its end-of-line). */
  ends: Set<number>;
  /** End of the last complete revision; bytes after it are trailing data. */
  lastEnd: number;
}

export function revisionLayout(bytes: Uint8Array): RevisionLayout {
  const ends = new Set<number>();
  const revisionEnds = findRevisionEnds(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const end of revisionEnds) {
    const marker = buffer.lastIndexOf('%%EOF', end, 'latin1');
    for (let at = marker + 5; at <= end; at += 1) ends.add(at);
  }
  return { ends, lastEnd: revisionEnds.at(-1) ?? bytes.length };
}

/**
 * Checks that the ByteRange covers [0, end) of a revision except exactly the /Contents hex string
 * of this signature dictionary, and returns the signed revision's end; a reason otherwise.
 */
export function checkByteRange(
  bytes: Uint8Array,
  field: PdfSignatureField,
  document: PdfDocument,
  layout: RevisionLayout,
): { end: number; revision: PdfDocument } | { reason: string } {
  const range = field.byteRange;
  if (!range || range.length !== 4) return { reason: '/ByteRange is missing or not four integers' };
  const [a, b, c, d] = range;
  if (a !== 0) return { reason: '/ByteRange does not start at the beginning of the file' };
  if (b <= 0 || c <= b || d < 0 || c + d > bytes.length)
    return { reason: `/ByteRange [${range.join(' ')}] is outside the file` };
  if (!layout.ends.has(c + d))
    return { reason: `/ByteRange ends at byte ${c + d}, which is not the end of a revision` };
  if (!field.contents || !field.contents.hex) return { reason: '/Contents is not a hex string' };
  const entry = field.hostNum === undefined ? undefined : document.xref.get(field.hostNum);
  if (!entry || entry.type !== 'offset')
    return { reason: 'the signature dictionary is not a plain object of the file' };
  if (field.contents.start !== b || field.contents.end !== c) {
    return {
      reason: `the hole [${b}, ${c}) is not the /Contents string [${field.contents.start}, ${field.contents.end})`,
    };
  }
  if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) return { reason: 'the hole is not delimited by < and >' };
  // The signed revision itself must reference this signature dictionary at the same place.
  let revision: PdfDocument;
  try {
    revision = PdfDocument.parse(bytes.subarray(0, c + d), document.limits);
  } catch (error) {
    return { reason: `the signed revision cannot be parsed: ${(error as Error).message}` };
  }
  const revisionEntry = revision.xref.get(field.hostNum!);
  if (!revisionEntry || revisionEntry.type !== 'offset' || revisionEntry.offset !== entry.offset) {
    return { reason: 'the signed revision does not contain this signature dictionary' };
  }
  return { end: c + d, revision };
}

/** The signed bytes: the ByteRange's two parts. */
export function signedParts(bytes: Uint8Array, range: number[]): Uint8Array[] {
  return [bytes.subarray(range[0], range[0] + range[1]), bytes.subarray(range[2], range[2] + range[3])];
}

const typeName = (value: PdfValue): string | undefined => {
  const dict = value instanceof PdfStream ? value.dict : isDict(value) ? value : undefined;
  const type = dict?.get('Type');
  return type instanceof PdfName ? type.name : undefined;
};

const describe = (num: number, value: PdfValue): string => {
  const type = typeName(value);
  return `object ${num}${type ? ` (/${type})` : ''}`;
};

/** Keys whose values differ between two dictionaries. */
function changedKeys(before: PdfDict, after: PdfDict): string[] {
  const keys = new Set([...before.entries.keys(), ...after.entries.keys()]);
  return [...keys].filter((key) => !pdfValuesEqual(before.get(key), after.get(key)));
}

/** Object numbers reachable from a value (bounded), optionally only through objects accepted by `follow`. */
function reachable(
  document: PdfDocument,
  start: PdfValue | undefined,
  follow: (num: number) => boolean,
  limit = 100_000,
): Set<number> {
  const found = new Set<number>();
  const stack: PdfValue[] = start === undefined ? [] : [start];
  let steps = 0;
  while (stack.length > 0 && (steps += 1) < limit) {
    const value = stack.pop()!;
    if (value instanceof PdfRef) {
      if (found.has(value.num) || !follow(value.num)) continue;
      found.add(value.num);
      const target = document.getObject(value.num);
      if (target !== null) stack.push(target);
    } else if (Array.isArray(value)) stack.push(...value);
    else if (value instanceof PdfStream) stack.push(...value.dict.entries.values());
    else if (isDict(value)) stack.push(...value.entries.values());
  }
  return found;
}

const refsOf = (value: PdfValue | undefined): number[] =>
  Array.isArray(value) ? value.flatMap((item) => (item instanceof PdfRef ? [item.num] : [])) : [];

export interface ChangeAnalysis {
  allowed: string[];
  disallowed: string[];
}

/**
 * What changed between a signed revision and the final document. Allowed: new signatures and
 * their fields/widgets/appearances (not under DocMDP P=1), document timestamps, the DSS and what
 * it holds, and the catalog/AcroForm/page/Info edits those additions need. Under a certification
 * signature DocMDP P=2 also permits filling in form fields, and P=3 adding or changing annotations;
 * without one those are reported too. Everything else is reported.
 */
export function analyseChanges(
  revision: PdfDocument,
  final: PdfDocument,
  docMdp: number | undefined,
): ChangeAnalysis {
  const allowed: string[] = [];
  const disallowed: string[] = [];
  const inUse = (document: PdfDocument, num: number) => {
    const entry = document.xref.get(num);
    return entry !== undefined && entry.type !== 'free';
  };
  const sameEntry = (num: number) =>
    JSON.stringify(revision.xref.get(num)) === JSON.stringify(final.xref.get(num));

  const added: number[] = [];
  const modified: number[] = [];
  for (const num of final.xref.keys()) {
    if (!inUse(final, num) || sameEntry(num)) continue;
    if (!inUse(revision, num)) added.push(num);
    else if (!pdfValuesEqual(revision.getObject(num), final.getObject(num))) modified.push(num);
  }
  for (const num of revision.xref.keys()) {
    if (inUse(revision, num) && !inUse(final, num)) disallowed.push(`object ${num} deleted`);
  }
  const addedSet = new Set(added);
  const isNew = (num: number) => addedSet.has(num);
  // Without a certification signature nothing restricts form filling or annotations (ISO 32000-2
  // §12.8.2.2: only DocMDP does); they are named in the report all the same.
  const formFill = docMdp !== 1;
  const annotating = docMdp === undefined || docMdp === 3;
  const annotationLabel = docMdp === 3 ? 'DocMDP P=3' : 'no certification restricts it';
  const fillLabel = docMdp === undefined ? 'no certification restricts it' : `DocMDP P=${docMdp}`;

  // Roots of allowed additions: signature fields/widgets, signature and timestamp dictionaries, the DSS.
  const allowedNew = new Set<number>();
  const finalCatalog = final.catalog();
  // Objects of the DSS structure only (not whatever a crafted DSS might point at); an object that
  // existed before counts as DSS only if it was already part of the signed revision's DSS.
  const dssObjects = dssObjectNumbers(final);
  const revisionDss = dssObjectNumbers(revision);
  const pageContent = pageContentObjects(final);
  const dssModified = (num: number) => dssObjects.has(num) && revisionDss.has(num) && !pageContent.has(num);
  // Added fields, widgets and annotations: the only entries /Fields and /Annots arrays may gain.
  const roots = new Set<number>();
  // What an added object is follows from how the documents reach it, never from its own /Type.
  const danglingInRevision = danglingReferences(revision);
  const containers = structuralContainers(final);
  const reached = reachable(
    final,
    [final.trailer.get('Root') ?? null, final.trailer.get('Info') ?? null],
    () => true,
  );
  for (const num of added) {
    const value = final.getObject(num);
    if (danglingInRevision.has(num)) {
      allowedNew.add(num); // reported once, here
      disallowed.push(
        `new ${describe(num, value)}: fills a reference the signed revision left dangling${pageContent.has(num) ? ` (${pageContent.get(num)})` : ''}`,
      );
      continue;
    }
    if (pageContent.has(num)) {
      allowedNew.add(num);
      disallowed.push(`new ${describe(num, value)}: ${pageContent.get(num)}`);
      continue;
    }
    if (!reached.has(num)) {
      // A cross-reference or object stream the parser used, or an object nothing refers to: not shown.
      allowedNew.add(num);
      if (!containers.has(num))
        allowed.push(`${describe(num, value)}: unreferenced (not part of the document)`);
      continue;
    }
    if (dssObjects.has(num)) {
      allowedNew.add(num);
      allowed.push(`${describe(num, value)}: DSS (validation data)`);
      continue;
    }
    const dict = isDict(value) ? value : undefined;
    if (!dict) continue;
    const signature = signatureKind(final, dict);
    if (signature === 'timestamp' || (signature === 'signature' && docMdp !== 1)) {
      allowedNew.add(num);
      roots.add(num);
      // Its appearance streams and resources, if new.
      for (const key of ['AP', 'V'])
        for (const child of reachable(final, dict.get(key), isNew)) allowedNew.add(child);
      allowed.push(
        `${describe(num, value)}: ${signature === 'timestamp' ? 'document timestamp' : 'signature'}${visibleArea(dict)}`,
      );
    } else if (signature === 'signature') {
      disallowed.push(`${describe(num, value)}: a new signature where DocMDP P=1 forbids any change`);
      allowedNew.add(num); // reported once
      roots.add(num);
    } else if (annotating && isMarkupAnnotation(dict)) {
      allowedNew.add(num);
      roots.add(num);
      for (const child of reachable(final, dict.get('AP'), isNew)) allowedNew.add(child);
      allowed.push(`${describe(num, value)}: annotation added (${annotationLabel})${visibleArea(dict)}`);
    }
  }
  // Resources an added signature field may need: fonts of the AcroForm default resources.
  const acroForm = final.resolveDict(finalCatalog.get('AcroForm'));
  for (const num of reachable(final, acroForm?.get('DR'), isNew)) {
    if (!allowedNew.has(num)) {
      allowedNew.add(num);
      allowed.push(`${describe(num, final.getObject(num))}: form default resources`);
    }
  }
  const metadataRef = finalCatalog.get('Metadata');
  const metadataNum = metadataRef instanceof PdfRef ? metadataRef.num : -1;
  if (isNew(metadataNum) && isXmp(final.getObject(metadataNum))) {
    allowedNew.add(metadataNum);
    allowed.push(`object ${metadataNum}: XMP metadata`);
  }
  /** Fields may gain signature fields; default resources and appearance may be added, not changed. */
  const acroFormChangeAllowed = (before: PdfDict | undefined, after: PdfDict | undefined): boolean => {
    if (!after) return false;
    const base = before ?? new PdfDict(new Map(), 0, 0);
    const keys = changedKeys(base, after);
    return (
      keys.every((key) => ['Fields', 'SigFlags', 'DR', 'DA'].includes(key)) &&
      (!keys.includes('DR') || resourcesOnlyAdded(revision, base.get('DR'), final, after.get('DR'))) &&
      (!keys.includes('DA') || base.get('DA') === undefined) &&
      onlyAppends(base.get('Fields'), after.get('Fields'), roots, revision, final)
    );
  };
  /** The catalog's /AcroForm changed: a direct dictionary edited, or a new form object created by a signer. */
  const catalogAcroFormAllowed = (before: PdfValue | undefined, after: PdfValue | undefined): boolean => {
    if (after instanceof PdfRef && before instanceof PdfRef && after.num === before.num) return true;
    if (!acroFormChangeAllowed(revision.resolveDict(before), final.resolveDict(after))) return false;
    if (after instanceof PdfRef && isNew(after.num)) allowedNew.add(after.num);
    return true;
  };
  const rootNum =
    final.trailer.get('Root') instanceof PdfRef ? (final.trailer.get('Root') as PdfRef).num : -1;
  const acroFormRef = finalCatalog.get('AcroForm');
  const acroFormNum = acroFormRef instanceof PdfRef ? acroFormRef.num : -1;
  const infoRef = final.trailer.get('Info');
  const infoNum = infoRef instanceof PdfRef ? infoRef.num : -1;
  for (const num of modified) {
    const before = revision.getObject(num);
    const after = final.getObject(num);
    const label = `${describe(num, after)}${pageContent.has(num) ? ` [${pageContent.get(num)}]` : ''}`;
    if (num === metadataNum && isXmp(before) && isXmp(after)) {
      allowed.push(`${label}: XMP metadata`);
      continue;
    }
    if (Array.isArray(before) && Array.isArray(after) && onlyAppends(before, after, roots, revision, final)) {
      allowed.push(`${label}: array of fields or annotations, signature added`); // an indirect /Fields or /Annots
      continue;
    }
    if (!isDict(before) || !isDict(after)) {
      if (dssModified(num)) allowed.push(`${label}: DSS (validation data)`);
      else disallowed.push(`${label} changed`);
      continue;
    }
    const keys = changedKeys(before, after);
    const within = (permitted: string[]) => keys.every((key) => permitted.includes(key));
    let verdict: string | undefined;
    if (
      num === rootNum &&
      within(['DSS', 'AcroForm', 'Extensions', 'Metadata']) &&
      (!keys.includes('AcroForm') || catalogAcroFormAllowed(before.get('AcroForm'), after.get('AcroForm')))
    )
      verdict = 'catalog: DSS/AcroForm/metadata';
    else if (num === acroFormNum && acroFormChangeAllowed(before, after)) {
      verdict = 'AcroForm: signature field added';
    } else if (
      typeName(after) === 'Page' &&
      within(['Annots']) &&
      onlyAppends(before.get('Annots'), after.get('Annots'), roots, revision, final)
    ) {
      verdict = 'page: signature widget added';
    } else if (num === infoNum && within(['ModDate', 'Producer']))
      verdict = 'document information: modification date';
    else if (dssModified(num)) verdict = 'DSS (validation data)';
    else if (
      isName(after.get('FT'), 'Sig') &&
      within(['V', 'AP', 'F', 'Lock', 'SV']) &&
      before.get('V') === undefined
    ) {
      const signature = signatureKind(final, after);
      if (signature === 'timestamp' || docMdp !== 1) verdict = 'empty signature field signed';
    } else if (isField(final, after) && within(['Ff', 'Lock']) && onlyLocks(before, after)) {
      // A later signature's field locking (FieldMDP, ETSI EN 319 142-1): fields made read-only.
      verdict = 'form field locked (read-only) by a later signature';
    } else if (formFill && isFillableField(final, after) && within(['V', 'AP', 'AS'])) {
      verdict = `form field filled in (${fillLabel})`;
      for (const child of reachable(final, after.get('AP'), isNew)) allowedNew.add(child);
    } else if (annotating && isMarkupAnnotation(after)) {
      verdict = `annotation changed (${annotationLabel})${visibleArea(after)}`;
      for (const child of reachable(final, after.get('AP'), isNew)) allowedNew.add(child);
    }
    if (verdict) allowed.push(`${label}: ${verdict}`);
    else disallowed.push(`${label}: ${keys.map((key) => `/${key}`).join(', ')} changed`);
  }
  for (const num of added) {
    if (!allowedNew.has(num)) disallowed.push(`new ${describe(num, final.getObject(num))}`);
  }
  return { allowed, disallowed };
}

/** Object numbers the document refers to (from the trailer) that no cross-reference entry defines. */
function danglingReferences(document: PdfDocument): Set<number> {
  const referenced = reachable(document, [...document.trailer.entries.values()], () => true);
  return new Set([...referenced].filter((num) => document.getObject(num) === null));
}

/**
 * Objects drawn as page content: reached from a page's /Contents or /Resources (or a page-tree
 * node's inherited /Resources), labelled with the page. Annotations are not page content.
 */
function pageContentObjects(document: PdfDocument): Map<number, string> {
  const labels = new Map<number, string>();
  let pageNumber = 0;
  const visit = (node: PdfValue | undefined, depth: number, seen: Set<number>): void => {
    if (depth > 64 || labels.size > 100_000) return;
    if (node instanceof PdfRef) {
      if (seen.has(node.num)) return;
      seen.add(node.num);
    }
    const dict = document.resolveDict(node);
    if (!dict) return;
    const kids = document.resolve(dict.get('Kids'));
    const isPage = !Array.isArray(kids);
    if (isPage) pageNumber += 1;
    const label = isPage ? `page ${pageNumber} content` : 'page tree resources';
    for (const key of isPage ? ['Contents', 'Resources'] : ['Resources'])
      for (const num of reachable(document, dict.get(key), () => true))
        if (!labels.has(num)) labels.set(num, label);
    if (!isPage) for (const kid of kids) visit(kid, depth + 1, seen);
  };
  visit(document.catalog().get('Pages'), 0, new Set());
  return labels;
}

/** The cross-reference streams and object streams the parser read entries from. */
function structuralContainers(document: PdfDocument): Set<number> {
  const numbers = new Set<number>();
  const streamSections = new Set(
    document.sections.filter((section) => section.kind === 'stream').map((section) => section.offset),
  );
  for (const [num, entry] of document.xref) {
    if (entry.type === 'compressed') numbers.add(entry.stream);
    else if (entry.type === 'offset' && streamSections.has(entry.offset)) numbers.add(num);
  }
  return numbers;
}

/** Default resources a later signer may extend: every resource the signed revision had is still there, unchanged. */
function resourcesOnlyAdded(
  revision: PdfDocument,
  before: PdfValue | undefined,
  final: PdfDocument,
  after: PdfValue | undefined,
): boolean {
  const old = revision.resolveDict(before);
  const now = final.resolveDict(after);
  if (!old) return true;
  if (!now) return false;
  for (const [category, value] of old.entries) {
    const oldItems = revision.resolveDict(value);
    const newItems = final.resolveDict(now.get(category));
    if (!oldItems || !newItems) {
      if (!pdfValuesEqual(value, now.get(category))) return false;
      continue;
    }
    for (const [name, item] of oldItems.entries) if (!pdfValuesEqual(item, newItems.get(name))) return false;
  }
  return true;
}

/** A form field (with /FT on it or a parent). */
function isField(document: PdfDocument, dict: PdfDict): boolean {
  let current: PdfDict | undefined = dict;
  for (let depth = 0; current && depth < 16; depth += 1) {
    if (current.get('FT') instanceof PdfName) return true;
    current = document.resolveDict(current.get('Parent'));
  }
  return false;
}

/** /Ff only gains the ReadOnly bit (1); a /Lock may be added. */
function onlyLocks(before: PdfDict, after: PdfDict): boolean {
  const old = before.get('Ff') ?? 0;
  const now = after.get('Ff') ?? 0;
  if (!isInteger(old) || !isInteger(now)) return false;
  const lock = before.get('Lock');
  return (
    (now | 1) === (old | 1) &&
    (now & 1) === 1 &&
    (lock === undefined || pdfValuesEqual(lock, after.get('Lock')))
  );
}

/** An annotation other than a form widget (comments, highlights...): what DocMDP P=3 permits. */
function isMarkupAnnotation(dict: PdfDict): boolean {
  const subtype = dict.get('Subtype');
  return (
    subtype instanceof PdfName &&
    subtype.name !== 'Widget' &&
    (dict.get('Type') === undefined || isName(dict.get('Type'), 'Annot'))
  );
}

/** A form field (or its widget) other than a signature field: the field type is on it or a parent. */
function isFillableField(document: PdfDocument, dict: PdfDict): boolean {
  let current: PdfDict | undefined = dict;
  for (let depth = 0; current && depth < 16; depth += 1) {
    const type = current.get('FT');
    if (type instanceof PdfName) return type.name !== 'Sig';
    current = document.resolveDict(current.get('Parent'));
  }
  return false;
}

/**
 * The object numbers of the document security store (ETSI EN 319 142-1 §5.4): the DSS and VRI
 * dictionaries, their arrays, and the certificate, CRL, OCSP and timestamp streams they list.
 */
function dssObjectNumbers(document: PdfDocument): Set<number> {
  const numbers = new Set<number>();
  const note = (value: PdfValue | undefined) => {
    if (value instanceof PdfRef) numbers.add(value.num);
  };
  const streams = (list: PdfValue | undefined) => {
    note(list);
    const items = document.resolve(list);
    if (!Array.isArray(items)) return;
    for (const item of items)
      if (item instanceof PdfRef && document.resolve(item) instanceof PdfStream) numbers.add(item.num);
  };
  const dssRef = document.catalog().get('DSS');
  const dss = document.resolveDict(dssRef);
  if (!dss) return numbers;
  note(dssRef);
  for (const key of ['Certs', 'CRLs', 'OCSPs']) streams(dss.get(key));
  const vriRef = dss.get('VRI');
  const vri = document.resolveDict(vriRef);
  if (vri) {
    note(vriRef);
    for (const entryRef of vri.entries.values()) {
      const entry = document.resolveDict(entryRef);
      if (!entry) continue;
      note(entryRef);
      for (const key of ['Cert', 'CRL', 'OCSP']) streams(entry.get(key));
      if (entry.get('TS') instanceof PdfRef && document.resolve(entry.get('TS')) instanceof PdfStream)
        note(entry.get('TS'));
    }
  }
  return numbers;
}

/**
 * A later signature's appearance is drawn over the page: without rendering, the service cannot tell
 * whether it hides content, so a visible one is named with its rectangle for the reader of the report.
 */
function visibleArea(dict: PdfDict): string {
  const rect = dict.get('Rect');
  if (!Array.isArray(rect) || rect.length !== 4 || !rect.every((n) => typeof n === 'number')) return '';
  const [x1, y1, x2, y2] = rect as number[];
  return Math.abs(x2 - x1) * Math.abs(y2 - y1) > 0 ? ` (visible appearance at [${rect.join(' ')}])` : '';
}

/** An XMP metadata stream: document metadata, not page content. */
function isXmp(value: PdfValue): boolean {
  return (
    value instanceof PdfStream &&
    isName(value.dict.get('Type'), 'Metadata') &&
    isName(value.dict.get('Subtype'), 'XML')
  );
}

/** Nothing removed, and every new entry of the array (Fields, Annots) an added field, widget or annotation. */
function onlyAppends(
  before: PdfValue | undefined,
  after: PdfValue | undefined,
  roots: Set<number>,
  revision: PdfDocument,
  final: PdfDocument,
): boolean {
  const old = refsOf(revision.resolve(before) ?? before);
  const now = refsOf(final.resolve(after) ?? after);
  if (!old.every((num) => now.includes(num))) return false;
  return now.filter((num) => !old.includes(num)).every((num) => roots.has(num));
}

/** Whether a dictionary is (the field or widget of) a signature or a document timestamp. */
function signatureKind(document: PdfDocument, dict: PdfDict): 'signature' | 'timestamp' | undefined {
  const sigDict = (candidate: PdfDict | undefined) => {
    if (!candidate) return undefined;
    if (
      isName(candidate.get('Type'), 'DocTimeStamp') ||
      isName(document.resolve(candidate.get('SubFilter')), 'ETSI.RFC3161')
    )
      return 'timestamp';
    if (isName(candidate.get('Type'), 'Sig') || (candidate.has('ByteRange') && candidate.has('Contents')))
      return 'signature';
    return undefined;
  };
  const direct = sigDict(dict);
  if (direct) return direct;
  if (isName(dict.get('FT'), 'Sig')) return sigDict(document.resolveDict(dict.get('V'))) ?? 'signature';
  if (isName(dict.get('Subtype'), 'Widget')) {
    const parent = document.resolveDict(dict.get('Parent'));
    if (parent && isName(parent.get('FT'), 'Sig'))
      return sigDict(document.resolveDict(parent.get('V'))) ?? 'signature';
  }
  return undefined;
}
