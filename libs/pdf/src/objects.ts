// The PDF object model (ISO 32000-2 §7.3). Values keep their byte offsets where callers need them
// (a signature's /Contents hole must be located exactly in the file).

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
    /** Offset of the opening delimiter and just past the closing one. */
    readonly start: number,
    readonly end: number,
  ) {}

  /** Latin-1 text, or UTF-16BE when it carries the BOM (PDFDocEncoding approximated by Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let out = '';
      for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i] << 8) | b[i + 1]);
      return out;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      return new TextDecoder('utf-8').decode(b.subarray(3));
    }
    return Buffer.from(b).toString('latin1');
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}

  key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class PdfDict {
  constructor(
    readonly entries: Map<string, PdfValue>,
    readonly start: number,
    readonly end: number,
  ) {}

  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** Raw (still encoded) data. */
    readonly data: Uint8Array,
    readonly dataStart: number,
  ) {}
}

export type PdfValue =
  null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

export const isName = (value: PdfValue | undefined, name?: string): value is PdfName =>
  value instanceof PdfName && (name === undefined || value.name === name);

export const isDict = (value: PdfValue | undefined): value is PdfDict => value instanceof PdfDict;

export const isInteger = (value: PdfValue | undefined): value is number =>
  typeof value === 'number' && Number.isInteger(value);

/**
 * Structural equality (references compared by number, streams by their raw bytes and dictionary).
 * Used to tell a real change from an object merely rewritten at another offset.
 */
export function pdfValuesEqual(a: PdfValue | undefined, b: PdfValue | undefined, depth = 0): boolean {
  if (depth > 200) return false;
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfString)
    return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) && a.length === b.length && a.every((item, i) => pdfValuesEqual(item, b[i], depth + 1))
    );
  }
  if (a instanceof PdfStream) {
    return (
      b instanceof PdfStream &&
      pdfValuesEqual(a.dict, b.dict, depth + 1) &&
      Buffer.from(a.data).equals(Buffer.from(b.data))
    );
  }
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.entries.size !== b.entries.size) return false;
    for (const [key, value] of a.entries) {
      if (!b.entries.has(key) || !pdfValuesEqual(value, b.entries.get(key), depth + 1)) return false;
    }
    return true;
  }
  return false;
}
