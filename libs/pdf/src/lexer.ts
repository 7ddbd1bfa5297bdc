import { malformed, PdfError } from './errors';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './objects';

// Byte classes of ISO 32000-2 §7.2.3.
const isWhite = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number): boolean =>
  c === 0x28 ||
  c === 0x29 ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x2f ||
  c === 0x25;
const isRegular = (c: number): boolean => !isWhite(c) && !isDelimiter(c);
const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39
    ? c - 0x30
    : c >= 0x41 && c <= 0x46
      ? c - 0x37
      : c >= 0x61 && c <= 0x66
        ? c - 0x57
        : -1;

export interface ParseLimits {
  /** Arrays and dictionaries nested deeper than this are refused (stack exhaustion by design). */
  maxDepth: number;
  /** One object (its nested arrays and dictionaries together) or string larger than this is refused. */
  maxItems: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 64, maxItems: 1_000_000 };

type Token =
  | { kind: 'number'; value: number; integer: boolean; start: number }
  | { kind: 'keyword'; value: string; start: number }
  | { kind: 'name'; value: string; start: number }
  | { kind: 'string'; value: PdfString; start: number }
  | { kind: 'open-array' | 'close-array' | 'open-dict' | 'close-dict'; start: number }
  | { kind: 'eof'; start: number };

/**
 * Tokenizer and object parser over the whole file. Positions are absolute file offsets, so
 * a value parsed from an object stream is given its own Lexer over the decoded bytes.
 */
export class Lexer {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  ) {
    this.pos = start;
  }

  skipWhitespaceAndComments(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isWhite(c)) this.pos += 1;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos += 1;
      } else break;
    }
  }

  nextToken(): Token {
    this.skipWhitespaceAndComments();
    const b = this.bytes;
    const start = this.pos;
    if (start >= b.length) return { kind: 'eof', start };
    const c = b[start];
    if (c === 0x5b) {
      this.pos += 1;
      return { kind: 'open-array', start };
    }
    if (c === 0x5d) {
      this.pos += 1;
      return { kind: 'close-array', start };
    }
    if (c === 0x3c) {
      if (b[start + 1] === 0x3c) {
        this.pos += 2;
        return { kind: 'open-dict', start };
      }
      return { kind: 'string', value: this.readHexString(), start };
    }
    if (c === 0x3e) {
      if (b[start + 1] === 0x3e) {
        this.pos += 2;
        return { kind: 'close-dict', start };
      }
      throw malformed('unexpected ">"', start);
    }
    if (c === 0x28) return { kind: 'string', value: this.readLiteralString(), start };
    if (c === 0x2f) return { kind: 'name', value: this.readName(), start };
    if (c === 0x29 || c === 0x7b || c === 0x7d)
      throw malformed(`unexpected "${String.fromCharCode(c)}"`, start);
    // A run of regular characters: a number or a keyword.
    let end = start;
    while (end < b.length && isRegular(b[end])) end += 1;
    this.pos = end;
    const text = Buffer.from(b.subarray(start, end)).toString('latin1');
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
      return { kind: 'number', value: Number(text), integer: /^[+-]?\d+$/.test(text), start };
    }
    return { kind: 'keyword', value: text, start };
  }

  private readName(): string {
    const b = this.bytes;
    this.pos += 1;
    const out: number[] = [];
    while (this.pos < b.length && isRegular(b[this.pos])) {
      const c = b[this.pos];
      if (
        c === 0x23 &&
        this.pos + 2 < b.length &&
        hexValue(b[this.pos + 1]) >= 0 &&
        hexValue(b[this.pos + 2]) >= 0
      ) {
        out.push(hexValue(b[this.pos + 1]) * 16 + hexValue(b[this.pos + 2]));
        this.pos += 3;
      } else {
        out.push(c);
        this.pos += 1;
      }
      if (out.length > 65_535) throw new PdfError('LIMIT_EXCEEDED', 'name too long', this.pos);
    }
    return Buffer.from(out).toString('latin1');
  }

  private readHexString(): PdfString {
    const b = this.bytes;
    const start = this.pos;
    const close = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(0x3e, start + 1);
    if (close < 0) throw malformed('unterminated hex string', start);
    // Fast path for the common case (an even run of hex digits, e.g. a signature's /Contents).
    const text = Buffer.from(b.buffer, b.byteOffset + start + 1, close - start - 1).toString('latin1');
    if (text.length % 2 === 0 && /^[0-9A-Fa-f]*$/.test(text)) {
      this.pos = close + 1;
      return new PdfString(new Uint8Array(Buffer.from(text, 'hex')), true, start, close + 1);
    }
    const out = new Uint8Array(Math.ceil((close - start - 1) / 2));
    let n = 0;
    let high = -1;
    for (let i = start + 1; i < close; i += 1) {
      const c = b[i];
      if (isWhite(c)) continue;
      const v = hexValue(c);
      if (v < 0) throw malformed('invalid character in hex string', i);
      if (high < 0) high = v;
      else {
        out[n++] = high * 16 + v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high * 16;
    this.pos = close + 1;
    return new PdfString(out.subarray(0, n), true, start, close + 1);
  }

  private readLiteralString(): PdfString {
    const b = this.bytes;
    const start = this.pos;
    let i = start + 1;
    let depth = 1;
    const out: number[] = [];
    while (i < b.length) {
      const c = b[i];
      if (c === 0x5c) {
        const d = b[i + 1];
        i += 2;
        if (d === undefined) break;
        const simple: Record<number, number> = {
          0x6e: 0x0a,
          0x72: 0x0d,
          0x74: 0x09,
          0x62: 0x08,
          0x66: 0x0c,
          0x28: 0x28,
          0x29: 0x29,
          0x5c: 0x5c,
        };
        if (d in simple) out.push(simple[d]);
        else if (d >= 0x30 && d <= 0x37) {
          let value = d - 0x30;
          for (let k = 0; k < 2 && b[i] >= 0x30 && b[i] <= 0x37; k += 1) value = value * 8 + (b[i++] - 0x30);
          out.push(value & 0xff);
        } else if (d === 0x0d) {
          if (b[i] === 0x0a) i += 1; // line continuation
        } else if (d !== 0x0a) out.push(d);
        continue;
      }
      if (c === 0x28) depth += 1;
      else if (c === 0x29) {
        depth -= 1;
        if (depth === 0) {
          this.pos = i + 1;
          return new PdfString(Uint8Array.from(out), false, start, i + 1);
        }
      }
      out.push(c);
      i += 1;
      if (out.length > this.limits.maxItems) throw new PdfError('LIMIT_EXCEEDED', 'string too long', start);
    }
    throw malformed('unterminated literal string', start);
  }

  /**
   * One direct value. `N G R` becomes a reference; a dictionary followed by `stream` is left to
   * the caller (parseIndirectObject), which knows the file context needed for /Length.
   */
  parseValue(depth = 0): PdfValue {
    if (depth === 0) this.items = 0;
    const token = this.nextToken();
    return this.valueFrom(token, depth);
  }

  /** Array elements and dictionary entries of the value being parsed, nested ones included. */
  private items = 0;

  private countItem(start: number): void {
    this.items += 1;
    if (this.items > this.limits.maxItems)
      throw new PdfError('LIMIT_EXCEEDED', 'object has too many items', start);
  }

  private valueFrom(token: Token, depth: number): PdfValue {
    switch (token.kind) {
      case 'number': {
        if (token.integer && token.value >= 0) {
          // Look ahead for "G R".
          const save = this.pos;
          const second = this.nextToken();
          if (second.kind === 'number' && second.integer && second.value >= 0) {
            const third = this.nextToken();
            if (third.kind === 'keyword' && third.value === 'R') return new PdfRef(token.value, second.value);
          }
          this.pos = save;
        }
        return token.value;
      }
      case 'string':
        return token.value;
      case 'name':
        return new PdfName(token.value);
      case 'keyword':
        if (token.value === 'true') return true;
        if (token.value === 'false') return false;
        if (token.value === 'null') return null;
        throw malformed(`unexpected keyword "${token.value.slice(0, 20)}"`, token.start);
      case 'open-array': {
        if (depth >= this.limits.maxDepth)
          throw new PdfError('LIMIT_EXCEEDED', 'nesting too deep', token.start);
        const items: PdfValue[] = [];
        for (;;) {
          const next = this.nextToken();
          if (next.kind === 'close-array') return items;
          if (next.kind === 'eof') throw malformed('unterminated array', token.start);
          items.push(this.valueFrom(next, depth + 1));
          this.countItem(token.start);
        }
      }
      case 'open-dict': {
        if (depth >= this.limits.maxDepth)
          throw new PdfError('LIMIT_EXCEEDED', 'nesting too deep', token.start);
        const entries = new Map<string, PdfValue>();
        for (;;) {
          const key = this.nextToken();
          if (key.kind === 'close-dict') return new PdfDict(entries, token.start, this.pos);
          if (key.kind !== 'name') throw malformed('dictionary key is not a name', key.start);
          const valueToken = this.nextToken();
          if (valueToken.kind === 'close-dict' || valueToken.kind === 'eof') {
            throw malformed('dictionary key without a value', key.start);
          }
          // Later duplicates are ignored, like most readers do.
          const value = this.valueFrom(valueToken, depth + 1);
          if (!entries.has(key.value)) entries.set(key.value, value);
          this.countItem(token.start);
        }
      }
      case 'eof':
        throw malformed('unexpected end of data', token.start);
      default:
        throw malformed(`unexpected "${token.kind}"`, token.start);
    }
  }

  /** Consumes the keyword if it comes next; otherwise leaves the position unchanged. */
  acceptKeyword(word: string): boolean {
    const save = this.pos;
    const token = this.nextToken();
    if (token.kind === 'keyword' && token.value === word) return true;
    this.pos = save;
    return false;
  }

  expectKeyword(word: string): void {
    const at = this.pos;
    if (!this.acceptKeyword(word)) throw malformed(`expected "${word}"`, at);
  }

  expectInteger(): number {
    const token = this.nextToken();
    if (token.kind !== 'number' || !token.integer) throw malformed('expected an integer', token.start);
    return token.value;
  }
}

/** Parses `num gen obj <value> [stream ... endstream] endobj` at an offset. */
export function parseIndirectObject(
  bytes: Uint8Array,
  offset: number,
  resolveLength: (value: PdfValue) => number | undefined,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): { num: number; gen: number; value: PdfValue; end: number } {
  if (!Number.isInteger(offset) || offset < 0 || offset >= bytes.length)
    throw malformed('object offset outside the file', offset);
  const lexer = new Lexer(bytes, offset, limits);
  const num = lexer.expectInteger();
  const gen = lexer.expectInteger();
  lexer.expectKeyword('obj');
  const value = lexer.parseValue();
  if (value instanceof PdfDict && lexer.acceptKeyword('stream')) {
    // The keyword is followed by CRLF or LF (a lone CR is tolerated).
    let dataStart = lexer.pos;
    if (bytes[dataStart] === 0x0d) dataStart += 1;
    if (bytes[dataStart] === 0x0a) dataStart += 1;
    const declared = resolveLength(value.get('Length') ?? null);
    const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let dataEnd: number;
    if (
      declared !== undefined &&
      declared >= 0 &&
      dataStart + declared <= bytes.length &&
      endstreamFollows(bytes, dataStart + declared)
    ) {
      dataEnd = dataStart + declared;
    } else {
      // A wrong /Length is common in the wild; the keyword bounds the data instead.
      const keyword = haystack.indexOf('endstream', dataStart, 'latin1');
      if (keyword < 0) throw malformed('stream without endstream', dataStart);
      dataEnd = keyword;
      if (bytes[dataEnd - 1] === 0x0a) dataEnd -= 1;
      if (bytes[dataEnd - 1] === 0x0d) dataEnd -= 1;
    }
    lexer.pos = dataEnd;
    lexer.expectKeyword('endstream');
    const end = lexer.acceptKeyword('endobj') ? lexer.pos : lexer.pos;
    return { num, gen, value: new PdfStream(value, bytes.subarray(dataStart, dataEnd), dataStart), end };
  }
  // Tolerate a missing endobj (common); the value is already complete.
  lexer.acceptKeyword('endobj');
  return { num, gen, value, end: lexer.pos };
}

function endstreamFollows(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (i < bytes.length && isWhite(bytes[i])) i += 1;
  return (
    Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(9, bytes.length - i)).toString('latin1') ===
    'endstream'
  );
}
