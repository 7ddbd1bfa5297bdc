import { malformed } from './errors';
import { isInteger, isName } from './objects';
import { PdfDocument, type PdfLimits } from './document';

/**
 * Number of pages, from the root of the page tree (/Root /Pages /Count).
 * Throws PdfError (MALFORMED, LIMIT_EXCEEDED, ...) when the file is not a readable PDF.
 */
export function countPdfPages(bytes: Uint8Array, limits: Partial<PdfLimits> = {}): number {
  const document = PdfDocument.parse(bytes, limits);
  const pages = document.resolveDict(document.catalog().get('Pages'));
  if (!pages) throw malformed('catalog has no page tree');
  const type = pages.get('Type');
  if (type !== undefined && !isName(type, 'Pages')) throw malformed('page tree root is not a /Pages node');
  const count = document.resolve(pages.get('Count'));
  if (!isInteger(count) || count < 0) throw malformed('page tree /Count is not a non-negative integer');
  // Every page is an object of its own: a count beyond the object table is a lie.
  if (count > document.xref.size) throw malformed('page tree /Count exceeds the number of objects');
  return count;
}
