import { malformed, PdfError } from './errors';
import { decodeStream, InflateBudget } from './filters';
import { DEFAULT_PARSE_LIMITS, Lexer, parseIndirectObject, type ParseLimits } from './lexer';
import { isDict, isInteger, isName, PdfDict, PdfRef, PdfStream, type PdfValue } from './objects';

export interface PdfLimits extends ParseLimits {
  maxFileSize: number;
  maxInflatePerStream: number;
  maxInflateTotal: number;
  /** Highest object number accepted in a cross-reference section. */
  maxObjects: number;
  /** Cross-reference sections followed through /Prev (one per revision). */
  maxXrefSections: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  ...DEFAULT_PARSE_LIMITS,
  maxFileSize: 100 * 1024 * 1024,
  maxInflatePerStream: 32 * 1024 * 1024,
  maxInflateTotal: 128 * 1024 * 1024,
  maxObjects: 2_000_000,
  maxXrefSections: 1_000,
};

export type XrefEntry =
  | { type: 'free'; gen: number }
  | { type: 'offset'; offset: number; gen: number }
  | { type: 'compressed'; stream: number; index: number };

export interface XrefSection {
  /** Where the section (the `xref` keyword or the stream object) starts. */
  offset: number;
  kind: 'table' | 'stream';
  trailer: PdfDict;
  entries: Map<number, XrefEntry>;
}

/** Producers pack a few hundred objects per object stream; far more is a memory attack. */
const MAX_OBJECT_STREAM_ENTRIES = 100_000;

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Offsets just past each `%%EOF` marker and its end-of-line: the ends of the file's revisions
 * (an incremental update appends a new revision ending in its own `%%EOF`).
 */
export function findRevisionEnds(bytes: Uint8Array): number[] {
  const buffer = asBuffer(bytes);
  const ends: number[] = [];
  let from = 0;
  for (;;) {
    const at = buffer.indexOf('%%EOF', from, 'latin1');
    if (at < 0) return ends;
    let end = at + 5;
    if (bytes[end] === 0x0d) end += 1;
    if (bytes[end] === 0x0a) end += 1;
    ends.push(end);
    from = at + 5;
  }
}

/** A parsed PDF: its merged cross-reference, trailer and lazily resolved objects. */
export class PdfDocument {
  private readonly cache = new Map<number, PdfValue>();
  private readonly resolving = new Set<number>();
  private readonly objectStreams = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();
  private readonly budget: InflateBudget;

  private constructor(
    readonly bytes: Uint8Array,
    /** Newest first. */
    readonly sections: XrefSection[],
    readonly xref: Map<number, XrefEntry>,
    readonly limits: PdfLimits,
  ) {
    this.budget = new InflateBudget(limits.maxInflatePerStream, limits.maxInflateTotal);
  }

  static parse(bytes: Uint8Array, options: Partial<PdfLimits> = {}): PdfDocument {
    const limits = { ...DEFAULT_PDF_LIMITS, ...options };
    if (bytes.length > limits.maxFileSize) {
      throw new PdfError('LIMIT_EXCEEDED', `file larger than ${limits.maxFileSize} bytes`);
    }
    const buffer = asBuffer(bytes);
    const header = buffer.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1');
    if (header < 0) throw malformed('no %PDF- header');
    const startxref = buffer.lastIndexOf('startxref', bytes.length, 'latin1');
    if (startxref < 0) throw malformed('no startxref');
    const lexer = new Lexer(bytes, startxref + 'startxref'.length, limits);
    const first = lexer.expectInteger();

    const sections: XrefSection[] = [];
    const seen = new Set<number>();
    const pending: number[] = [first];
    // A bootstrap document resolves /Length and stream filters of xref streams, which are direct.
    const budget = new InflateBudget(limits.maxInflatePerStream, limits.maxInflateTotal);
    while (pending.length > 0) {
      const offset = pending.shift()!;
      if (seen.has(offset)) throw malformed('cross-reference /Prev loop', offset);
      seen.add(offset);
      if (sections.length >= limits.maxXrefSections)
        throw new PdfError('LIMIT_EXCEEDED', 'too many cross-reference sections');
      const section = readXrefSection(bytes, offset, limits, budget);
      sections.push(section);
      // A hybrid file's table section names a stream with the entries of compressed objects.
      const hybrid = section.trailer.get('XRefStm');
      if (section.kind === 'table' && isInteger(hybrid) && !seen.has(hybrid)) {
        seen.add(hybrid);
        const stream = readXrefSection(bytes, hybrid, limits, budget);
        for (const [num, entry] of stream.entries)
          if (!section.entries.has(num)) section.entries.set(num, entry);
      }
      const prev = section.trailer.get('Prev');
      if (prev !== undefined) {
        if (!isInteger(prev)) throw malformed('invalid /Prev');
        pending.push(prev);
      }
    }
    const xref = new Map<number, XrefEntry>();
    for (const section of sections) {
      for (const [num, entry] of section.entries) if (!xref.has(num)) xref.set(num, entry);
    }
    return new PdfDocument(bytes, sections, xref, limits);
  }

  /**
   * Reads a file whose cross-reference cannot be followed the way lenient viewers do (ISO 32000-2 §7.5.4
   * leaves recovery to the reader; pdf.js and poppler scan): every `N G obj` header found in the bytes
   * defines object N, the last definition winning, and the trailer is the last one naming a /Root. What a
   * shadow attack shows in those viewers is what this document reads.
   */
  static reconstruct(bytes: Uint8Array, options: Partial<PdfLimits> = {}): PdfDocument {
    const limits = { ...DEFAULT_PDF_LIMITS, ...options };
    if (bytes.length > limits.maxFileSize) {
      throw new PdfError('LIMIT_EXCEEDED', `file larger than ${limits.maxFileSize} bytes`);
    }
    const text = asBuffer(bytes).toString('latin1');
    const entries = new Map<number, XrefEntry>();
    const header = /(?<![0-9])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+obj(?![A-Za-z0-9])/g;
    for (let match = header.exec(text); match; match = header.exec(text)) {
      const num = Number(match[1]);
      if (num > limits.maxObjects) continue;
      if (entries.size >= limits.maxObjects) throw new PdfError('LIMIT_EXCEEDED', 'too many objects');
      entries.set(num, { type: 'offset', offset: match.index, gen: Number(match[2]) });
    }
    let trailer: PdfDict | undefined;
    // (lastIndexOf with a negative start still matches at 0: stop there.)
    for (
      let at = text.lastIndexOf('trailer');
      at >= 0 && !trailer;
      at = at === 0 ? -1 : text.lastIndexOf('trailer', at - 1)
    ) {
      try {
        const lexer = new Lexer(bytes, at + 'trailer'.length, limits);
        const value = lexer.parseValue();
        if (isDict(value) && value.get('Root') instanceof PdfRef) trailer = value;
      } catch {
        // not a readable trailer; try an earlier one
      }
    }
    const document = new PdfDocument(
      bytes,
      [{ offset: -1, kind: 'table', trailer: trailer ?? new PdfDict(new Map(), 0, 0), entries }],
      entries,
      limits,
    );
    if (!trailer) {
      // Cross-reference streams carry the trailer keys: the newest readable one naming a /Root.
      const offsetOf = (num: number) => {
        const entry = entries.get(num);
        return entry?.type === 'offset' ? entry.offset : -1;
      };
      const streams = [...entries.keys()].sort((a, b) => offsetOf(b) - offsetOf(a));
      for (const num of streams) {
        let value: PdfValue;
        try {
          value = document.getObject(num);
        } catch {
          continue;
        }
        if (value instanceof PdfStream && isName(value.dict.get('Type'), 'XRef') && value.dict.get('Root')) {
          document.sections[0] = { ...document.sections[0], trailer: value.dict };
          break;
        }
      }
    }
    if (!(document.trailer.get('Root') instanceof PdfRef)) throw malformed('no trailer names a /Root');
    return document;
  }

  /**
   * Entries of the cross-reference that do not point at the object they name (offsets off by a few bytes,
   * an entry pointing at another object): what lenient viewers repair by scanning, so a reader that
   * trusts the table sees something else than they show.
   */
  xrefProblems(max = 10): string[] {
    const problems: string[] = [];
    for (const [num, entry] of this.xref) {
      if (entry.type !== 'offset') continue;
      let found: string;
      try {
        const lexer = new Lexer(this.bytes, entry.offset, this.limits);
        const at = lexer.expectInteger();
        lexer.expectInteger();
        lexer.expectKeyword('obj');
        if (at === num) continue;
        found = `object ${at}`;
      } catch {
        found = 'no object header';
      }
      problems.push(`the cross-reference entry of object ${num} points at byte ${entry.offset} (${found})`);
      if (problems.length >= max) break;
    }
    return problems;
  }

  /** The newest trailer (with /Root, /Info, /Encrypt, /ID). */
  get trailer(): PdfDict {
    return this.sections[0].trailer;
  }

  get encrypted(): boolean {
    return this.trailer.has('Encrypt');
  }

  /** The object with this number (null when free or absent, as ISO 32000 says). */
  getObject(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num)!;
    const entry = this.xref.get(num);
    if (!entry || entry.type === 'free') return null;
    if (this.resolving.has(num)) throw malformed(`object ${num} refers to itself while being read`);
    this.resolving.add(num);
    try {
      let value: PdfValue;
      if (entry.type === 'offset') {
        const parsed = parseIndirectObject(
          this.bytes,
          entry.offset,
          (length) => this.lengthOf(length),
          this.limits,
        );
        if (parsed.num !== num)
          throw malformed(`cross-reference points object ${num} at object ${parsed.num}`, entry.offset);
        value = parsed.value;
      } else {
        value = this.compressedObject(num, entry.stream, entry.index);
      }
      this.cache.set(num, value);
      return value;
    } finally {
      this.resolving.delete(num);
    }
  }

  /** Follows references (chains included) to a direct value. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let current = value;
    for (let hops = 0; current instanceof PdfRef; hops += 1) {
      if (hops > 32) throw malformed('reference chain too long');
      current = this.getObject(current.num);
    }
    return current;
  }

  resolveDict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    if (resolved instanceof PdfStream) return resolved.dict;
    return isDict(resolved) ? resolved : undefined;
  }

  /** The document catalog (trailer /Root). */
  catalog(): PdfDict {
    const root = this.resolve(this.trailer.get('Root'));
    if (!isDict(root)) throw malformed('trailer /Root is not a dictionary');
    return root;
  }

  decode(stream: PdfStream): Uint8Array {
    return decodeStream(stream, this.budget, (value) => this.resolve(value));
  }

  private lengthOf(value: PdfValue): number | undefined {
    if (isInteger(value)) return value;
    if (value instanceof PdfRef && !this.resolving.has(value.num)) {
      const resolved = this.resolve(value);
      return isInteger(resolved) ? resolved : undefined;
    }
    return undefined;
  }

  private compressedObject(num: number, streamNum: number, index: number): PdfValue {
    if (this.encrypted)
      throw new PdfError('ENCRYPTED', 'object streams of an encrypted file need decryption');
    let objectStream = this.objectStreams.get(streamNum);
    if (!objectStream) {
      const entry = this.xref.get(streamNum);
      if (!entry || entry.type !== 'offset')
        throw malformed(`object stream ${streamNum} is not an uncompressed object`);
      const stream = this.getObject(streamNum);
      if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'ObjStm')) {
        throw malformed(`object ${streamNum} is not an object stream`);
      }
      const count = stream.dict.get('N');
      const first = stream.dict.get('First');
      if (
        !isInteger(count) ||
        !isInteger(first) ||
        count < 0 ||
        first < 0 ||
        count > MAX_OBJECT_STREAM_ENTRIES
      ) {
        throw malformed(`object stream ${streamNum} has invalid /N or /First`);
      }
      const data = this.decode(stream);
      const header = new Lexer(data, 0, this.limits);
      const offsets = new Map<number, number>();
      for (let i = 0; i < count; i += 1) {
        const objectNum = header.expectInteger();
        const relative = header.expectInteger();
        if (first + relative >= data.length)
          throw malformed(`object stream ${streamNum} offset outside its data`);
        if (!offsets.has(objectNum)) offsets.set(objectNum, first + relative);
      }
      objectStream = { data, offsets };
      this.objectStreams.set(streamNum, objectStream);
    }
    const at = objectStream.offsets.get(num);
    if (at === undefined)
      throw malformed(`object ${num} not found in object stream ${streamNum} (index ${index})`);
    return new Lexer(objectStream.data, at, this.limits).parseValue();
  }
}

function readXrefSection(
  bytes: Uint8Array,
  offset: number,
  limits: PdfLimits,
  budget: InflateBudget,
): XrefSection {
  if (!Number.isInteger(offset) || offset < 0 || offset >= bytes.length)
    throw malformed('startxref outside the file', offset);
  const lexer = new Lexer(bytes, offset, limits);
  lexer.skipWhitespaceAndComments();
  const start = lexer.pos;
  if (lexer.acceptKeyword('xref')) return readXrefTable(lexer, start, limits);
  return readXrefStream(bytes, start, limits, budget);
}

function readXrefTable(lexer: Lexer, offset: number, limits: PdfLimits): XrefSection {
  const entries = new Map<number, XrefEntry>();
  while (!lexer.acceptKeyword('trailer')) {
    const first = lexer.expectInteger();
    const count = lexer.expectInteger();
    if (first < 0 || count < 0 || first + count > limits.maxObjects) {
      throw new PdfError('LIMIT_EXCEEDED', 'cross-reference subsection too large', lexer.pos);
    }
    for (let i = 0; i < count; i += 1) {
      const entryOffset = lexer.expectInteger();
      const gen = lexer.expectInteger();
      const at = lexer.pos;
      const kind = lexer.acceptKeyword('n') ? 'n' : lexer.acceptKeyword('f') ? 'f' : undefined;
      if (!kind) throw malformed('cross-reference entry is neither n nor f', at);
      const num = first + i;
      if (entries.has(num)) continue;
      entries.set(num, kind === 'n' ? { type: 'offset', offset: entryOffset, gen } : { type: 'free', gen });
    }
  }
  const trailer = lexer.parseValue();
  if (!isDict(trailer)) throw malformed('trailer is not a dictionary', offset);
  return { offset, kind: 'table', trailer, entries };
}

function readXrefStream(
  bytes: Uint8Array,
  offset: number,
  limits: PdfLimits,
  budget: InflateBudget,
): XrefSection {
  const { value } = parseIndirectObject(
    bytes,
    offset,
    (length) => (isInteger(length) ? length : undefined),
    limits,
  );
  if (!(value instanceof PdfStream) || !isName(value.dict.get('Type'), 'XRef')) {
    throw malformed('startxref does not point at a cross-reference table or stream', offset);
  }
  const dict = value.dict;
  const widths = dict.get('W');
  const size = dict.get('Size');
  if (
    !Array.isArray(widths) ||
    widths.length !== 3 ||
    !widths.every((w) => isInteger(w) && w >= 0 && w <= 8)
  ) {
    throw malformed('invalid /W in cross-reference stream', offset);
  }
  if (!isInteger(size) || size < 0 || size > limits.maxObjects) throw malformed('invalid /Size', offset);
  const [w0, w1, w2] = widths as number[];
  const index = dict.get('Index') ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((n) => isInteger(n) && n >= 0)) {
    throw malformed('invalid /Index in cross-reference stream', offset);
  }
  const data = decodeStream(value, budget);
  const rowLength = w0 + w1 + w2;
  if (rowLength === 0) throw malformed('empty /W', offset);
  const field = (at: number, width: number): number => {
    let n = 0;
    for (let i = 0; i < width; i += 1) n = n * 256 + data[at + i];
    return n;
  };
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  for (let i = 0; i < index.length; i += 2) {
    const first = index[i] as number;
    const count = index[i + 1] as number;
    if (first + count > limits.maxObjects)
      throw new PdfError('LIMIT_EXCEEDED', 'cross-reference subsection too large', offset);
    for (let k = 0; k < count; k += 1, row += 1) {
      const at = row * rowLength;
      if (at + rowLength > data.length)
        throw malformed('cross-reference stream shorter than its /Index', offset);
      const type = w0 === 0 ? 1 : field(at, w0);
      const second = field(at + w0, w1);
      const third = field(at + w0 + w1, w2);
      const num = first + k;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { type: 'free', gen: third });
      else if (type === 1) entries.set(num, { type: 'offset', offset: second, gen: third });
      else if (type === 2) entries.set(num, { type: 'compressed', stream: second, index: third });
      // Other types are reserved and read as null objects.
    }
  }
  return { offset, kind: 'stream', trailer: dict, entries };
}
