import { declaredTypeAgrees, sniffMimeType } from '../../src/uploads/mime-sniffer';

const bytes = (...values: number[]) => Buffer.from(values);
const text = (value: string) => Buffer.from(value, 'utf8');

describe('sniffMimeType', () => {
  it.each([
    ['PDF', text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46), 'image/jpeg'],
    ['JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
    ['TIFF little-endian', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0), 'image/tiff'],
    ['TIFF big-endian', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8), 'image/tiff'],
    ['BigTIFF', bytes(0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0), 'image/tiff'],
    ['XML declaration', text('<?xml version="1.0" encoding="UTF-8"?><a/>'), 'application/xml'],
    [
      'XML with BOM and whitespace',
      Buffer.concat([bytes(0xef, 0xbb, 0xbf), text('\r\n  <?xml version="1.0"?>')]),
      'application/xml',
    ],
    ['XML without declaration', text('<ToKhai xmlns="urn:x"><HoTen>A</HoTen></ToKhai>'), 'application/xml'],
    ['XML starting with a comment', text('<!-- form 01 --><a/>'), 'application/xml'],
  ])('recognises %s', (_label, head, expected) => {
    expect(sniffMimeType(head)).toBe(expected);
  });

  it.each([
    ['empty file', Buffer.alloc(0)],
    ['plain text', text('Hello, this is not a document')],
    ['ZIP / DOCX', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)],
    ['Windows executable', text('MZ\x90\x00\x03')],
    ['GIF', text('GIF89a')],
    ['a lone "<"', text('<')],
    ['"< " is not markup', text('< 3 apples')],
    ['PDF header not at the start', text('junk%PDF-1.4')],
    ['truncated PNG signature', bytes(0x89, 0x50, 0x4e, 0x47)],
    ['"<?xm" is not a declaration', text('<?xm')],
  ])('rejects %s', (_label, head) => {
    expect(sniffMimeType(head)).toBeUndefined();
  });
});

describe('declaredTypeAgrees', () => {
  it('accepts an undeclared or generic type', () => {
    expect(declaredTypeAgrees(undefined, 'application/pdf')).toBe(true);
    expect(declaredTypeAgrees('application/octet-stream', 'image/png')).toBe(true);
  });

  it('accepts the same type and its aliases, parameters and case aside', () => {
    expect(declaredTypeAgrees('application/pdf', 'application/pdf')).toBe(true);
    expect(declaredTypeAgrees('IMAGE/JPG', 'image/jpeg')).toBe(true);
    expect(declaredTypeAgrees('text/xml; charset=utf-8', 'application/xml')).toBe(true);
    expect(declaredTypeAgrees('application/vnd.gov.vn+xml', 'application/xml')).toBe(true);
  });

  it('refuses a declared type that contradicts the content', () => {
    expect(declaredTypeAgrees('image/png', 'application/pdf')).toBe(false);
    expect(declaredTypeAgrees('application/pdf', 'application/xml')).toBe(false);
    expect(declaredTypeAgrees('application/vnd.gov.vn+xml', 'application/pdf')).toBe(false);
    expect(declaredTypeAgrees('text/plain', 'application/xml')).toBe(false);
  });
});
