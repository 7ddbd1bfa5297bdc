import { malformed } from './errors';
import { PdfDocument } from './document';
import { PdfDict, PdfName, PdfRef, PdfString, type PdfValue } from './objects';

/** Serialises a value back to PDF syntax (strings as hex, which needs no escaping). */
export function serializePdfValue(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, '');
  if (value instanceof PdfName)
    return `/${value.name.replace(/[^!-~]|[()<>[\]{}/%#]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
  if (value instanceof PdfString) return `<${Buffer.from(value.bytes).toString('hex')}>`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map(serializePdfValue).join(' ')}]`;
  if (value instanceof PdfDict) {
    return `<<${[...value.entries].map(([key, item]) => `${serializePdfValue(new PdfName(key))} ${serializePdfValue(item)}`).join(' ')}>>`;
  }
  throw malformed('streams are written by the caller');
}

export interface IncrementalObject {
  num: number;
  /** The object body between `N 0 obj` and `endobj` (a value, optionally followed by a stream). */
  body: Uint8Array | string;
}

/**
 * Appends an incremental update (ISO 32000-2 §7.5.6): the objects, a cross-reference table
 * section for them, and a trailer chained to the previous one with /Prev. Returns the new file.
 */
export function appendIncrementalUpdate(
  bytes: Uint8Array,
  objects: IncrementalObject[],
  trailerChanges: Record<string, PdfValue> = {},
): Uint8Array {
  const previous = PdfDocument.parse(bytes);
  const parts: Buffer[] = [Buffer.from(bytes)];
  let length = bytes.length;
  if (bytes[bytes.length - 1] !== 0x0a) {
    parts.push(Buffer.from('\n'));
    length += 1;
  }
  const offsets = new Map<number, number>();
  for (const object of objects) {
    offsets.set(object.num, length);
    const chunk = Buffer.concat([
      Buffer.from(`${object.num} 0 obj\n`),
      typeof object.body === 'string' ? Buffer.from(object.body, 'latin1') : Buffer.from(object.body),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  }
  const xrefOffset = length;
  const lines = ['xref'];
  for (const num of [...offsets.keys()].sort((a, b) => a - b)) {
    lines.push(`${num} 1`, `${String(offsets.get(num)).padStart(10, '0')} 00000 n\r`);
  }
  const size = Math.max(nextObjectNumber(previous), ...[...offsets.keys()].map((n) => n + 1));
  const trailer = new Map<string, PdfValue>();
  for (const key of ['Root', 'Info', 'ID', 'Encrypt']) {
    const value = previous.trailer.get(key);
    if (value !== undefined) trailer.set(key, value);
  }
  trailer.set('Size', size);
  trailer.set('Prev', previous.sections[0].offset);
  for (const [key, value] of Object.entries(trailerChanges)) trailer.set(key, value);
  lines.push(
    'trailer',
    serializePdfValue(new PdfDict(trailer, 0, 0)),
    'startxref',
    String(xrefOffset),
    '%%EOF',
    '',
  );
  parts.push(Buffer.from(lines.join('\n'), 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** The first object number not used by any revision (for objects added by an update). */
export function nextObjectNumber(document: PdfDocument): number {
  const size = document.trailer.get('Size');
  let next = typeof size === 'number' ? size : 0;
  for (const num of document.xref.keys()) if (num >= next) next = num + 1;
  return next;
}
