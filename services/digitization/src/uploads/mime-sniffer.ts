/** The document formats the service stores (issue 4): PDF, JPEG, PNG, TIFF and XML. */
export const STORED_MIME_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'application/xml',
] as const;
export type StoredMimeType = (typeof STORED_MIME_TYPES)[number];

/** Bytes the sniffer wants before it decides (fewer only when the file is shorter). */
export const SNIFF_BYTES = 1024;

const startsWith = (head: Buffer, signature: number[], offset = 0) =>
  head.length >= offset + signature.length && signature.every((byte, i) => head[offset + i] === byte);

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const XML_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

function looksLikeXml(head: Buffer): boolean {
  let i = startsWith(head, UTF8_BOM) ? 3 : 0;
  while (i < head.length && XML_WHITESPACE.has(head[i])) i += 1;
  if (i >= head.length || head[i] !== 0x3c /* < */) return false;
  const next = head[i + 1];
  if (next === undefined) return false;
  // `<?xml`, `<!--`, `<!DOCTYPE` or an element name start: anything else after `<` is not markup.
  if (next === 0x3f) return head.subarray(i + 2, i + 5).toString('latin1') === 'xml';
  if (next === 0x21) return true;
  return /[A-Za-z_:]/.test(String.fromCharCode(next));
}

/**
 * The MIME type of a document from its first bytes (magic numbers), never from what the client declares.
 * Undefined for anything else (a renamed executable, a ZIP, an empty file).
 */
export function sniffMimeType(head: Buffer): StoredMimeType | undefined {
  // %PDF- ; the PDF spec lets the header start within the first 1024 bytes, but producers put it first.
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // II*\0 (little-endian) or MM\0* (big-endian); BigTIFF uses 43 instead of 42.
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'image/tiff';
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b]))
    return 'image/tiff';
  if (looksLikeXml(head)) return 'application/xml';
  return undefined;
}

const ALIASES: Record<string, StoredMimeType> = {
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/tiff': 'image/tiff',
  'image/tif': 'image/tiff',
  'application/xml': 'application/xml',
  'text/xml': 'application/xml',
};

/** Types a client sends when it does not know better: they never contradict the sniffed type. */
const UNDECLARED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * Whether the part's declared Content-Type agrees with the sniffed type. `application/*+xml` (e.g. an XAdES
 * document) is XML.
 */
export function declaredTypeAgrees(declared: string | undefined, sniffed: StoredMimeType): boolean {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (UNDECLARED.has(type)) return true;
  if (sniffed === 'application/xml' && /^application\/[a-z0-9.+-]+\+xml$/.test(type)) return true;
  return ALIASES[type] === sniffed;
}
