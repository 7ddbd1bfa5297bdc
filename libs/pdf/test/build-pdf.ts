// Builders of small PDFs for tests: classic xref tables and compressed (xref stream + object stream) files.
import { deflateSync } from 'node:zlib';

export interface RawObject {
  num: number;
  body: string | Buffer;
}

/** A one-revision PDF with a classic cross-reference table. */
export function classicPdf(
  objects: RawObject[],
  trailer: string,
  options: { xrefShift?: number } = {},
): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets = new Map<number, number>();
  for (const object of objects) {
    offsets.set(object.num, length);
    const chunk = Buffer.concat([
      Buffer.from(`${object.num} 0 obj\n`),
      Buffer.from(object.body),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  }
  const size = Math.max(...objects.map((o) => o.num)) + 1;
  const rows = ['xref', `0 ${size}`, '0000000000 65535 f\r'];
  for (let num = 1; num < size; num += 1) {
    const offset = offsets.get(num);
    rows.push(
      offset === undefined
        ? '0000000000 00000 f\r'
        : `${String(offset + (options.xrefShift ?? 0)).padStart(10, '0')} 00000 n\r`,
    );
  }
  rows.push('trailer', `<< /Size ${size} ${trailer} >>`, 'startxref', String(length), '%%EOF', '');
  parts.push(Buffer.from(rows.join('\n'), 'latin1'));
  return Buffer.concat(parts);
}

/** A page tree of `pages` pages, with catalog 1 and pages root 2. */
export function pageTreeObjects(pages: number): RawObject[] {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  return [
    { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { num: 2, body: `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>` },
    ...Array.from({ length: pages }, (_, i) => ({
      num: 3 + i,
      body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    })),
  ];
}

/** PNG "Up" predictor rows, as producers write cross-reference streams. */
function pngUp(rows: Buffer[]): Buffer {
  const out: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(rows[0].length);
  for (const row of rows) {
    const encoded = Buffer.alloc(row.length + 1);
    encoded[0] = 2;
    for (let i = 0; i < row.length; i += 1) encoded[i + 1] = (row[i] - previous[i]) & 0xff;
    out.push(encoded);
    previous = row;
  }
  return Buffer.concat(out);
}

/**
 * PDF 1.5 file: objects `inStream` are packed in an object stream, the rest written plainly, and
 * a cross-reference stream (Flate with PNG Up predictor) indexes them.
 */
export function compressedPdf(plain: RawObject[], inStream: RawObject[], trailerRoot = '1 0 R'): Buffer {
  const header = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const parts: Buffer[] = [header];
  let length = header.length;
  const offsets = new Map<number, number>();
  const write = (num: number, body: Buffer) => {
    offsets.set(num, length);
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  };
  for (const object of plain) write(object.num, Buffer.from(object.body));
  const all = [...plain, ...inStream];
  const objStmNum = Math.max(...all.map((o) => o.num)) + 1;
  const xrefNum = objStmNum + 1;
  let body = '';
  const pairs: string[] = [];
  for (const object of inStream) {
    pairs.push(`${object.num} ${body.length}`);
    body += `${object.body.toString()}\n`;
  }
  const headerText = `${pairs.join(' ')}\n`;
  const packed = deflateSync(Buffer.from(headerText + body, 'latin1'));
  write(
    objStmNum,
    Buffer.concat([
      Buffer.from(
        `<< /Type /ObjStm /N ${inStream.length} /First ${headerText.length} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`,
      ),
      packed,
      Buffer.from('\nendstream'),
    ]),
  );
  const size = xrefNum + 1;
  const rows: Buffer[] = [];
  const row = (type: number, second: number, third: number) => {
    const b = Buffer.alloc(1 + 4 + 2);
    b.writeUInt8(type, 0);
    b.writeUInt32BE(second, 1);
    b.writeUInt16BE(third, 5);
    rows.push(b);
  };
  const xrefOffset = length;
  for (let num = 0; num < size; num += 1) {
    const inStreamIndex = inStream.findIndex((o) => o.num === num);
    if (num === xrefNum) row(1, xrefOffset, 0);
    else if (inStreamIndex >= 0) row(2, objStmNum, inStreamIndex);
    else if (offsets.has(num)) row(1, offsets.get(num)!, 0);
    else row(0, 0, num === 0 ? 65535 : 0);
  }
  const xrefData = deflateSync(pngUp(rows));
  write(
    xrefNum,
    Buffer.concat([
      Buffer.from(
        `<< /Type /XRef /Size ${size} /W [1 4 2] /Root ${trailerRoot} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length ${xrefData.length} >>\nstream\n`,
      ),
      xrefData,
      Buffer.from('\nendstream'),
    ]),
  );
  parts.push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`));
  return Buffer.concat(parts);
}
