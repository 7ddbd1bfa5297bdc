import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { classicPdf, compressedPdf, pageTreeObjects } from './build-pdf';
import {
  appendIncrementalUpdate,
  countPdfPages,
  findRevisionEnds,
  isName,
  Lexer,
  PdfDict,
  PdfDocument,
  PdfError,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  pdfValuesEqual,
} from '../src/index';

const pdfkitFile = (pages: number, compress = true): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, compress });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let i = 0; i < pages; i += 1) doc.addPage().text(`Trang ${i + 1}`);
    doc.end();
  });

const errorCode = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof PdfError) return error.code;
    throw error;
  }
  throw new Error('expected a PdfError');
};

describe('Lexer', () => {
  const parse = (text: string) => new Lexer(Buffer.from(text, 'latin1')).parseValue();

  it('reads every kind of value, with escapes in names and strings', () => {
    const value = parse(
      '<< /A 1 /B -2.5 /C (a\\(b\\)\\n\\101 (x)) /D <48 65 6C6C6F> /N#20x /Name /R 12 0 R /L [true false null] >>',
    );
    expect(value).toBeInstanceOf(PdfDict);
    const dict = value as PdfDict;
    expect(dict.get('A')).toBe(1);
    expect(dict.get('B')).toBe(-2.5);
    expect((dict.get('C') as PdfString).text()).toBe('a(b)\nA (x)');
    expect((dict.get('D') as PdfString).text()).toBe('Hello');
    expect(isName(dict.get('N x'), 'Name')).toBe(true);
    expect(dict.get('R')).toEqual(new PdfRef(12, 0));
    expect(dict.get('L')).toEqual([true, false, null]);
  });

  it('keeps the offsets of a hex string (a signature /Contents hole is located by them)', () => {
    const text = '<< /Contents <00ff> >>';
    const contents = (parse(text) as PdfDict).get('Contents') as PdfString;
    expect([contents.start, contents.end]).toEqual([
      text.indexOf('<00'),
      text.indexOf('>', text.indexOf('<00')) + 1,
    ]);
    expect(contents.hex).toBe(true);
  });

  it('decodes UTF-16BE text strings (Vietnamese names)', () => {
    const hex = Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from('Nguyễn Văn An', 'utf16le').swap16(),
    ]).toString('hex');
    expect((parse(`<${hex}>`) as PdfString).text()).toBe('Nguyễn Văn An');
  });

  it('refuses nesting beyond the depth limit instead of exhausting the stack', () => {
    expect(errorCode(() => parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`))).toBe('LIMIT_EXCEEDED');
    expect(errorCode(() => parse(`${'<< /A '.repeat(100)}1${' >>'.repeat(100)}`))).toBe('LIMIT_EXCEEDED');
    expect(parse(`${'['.repeat(60)}${']'.repeat(60)}`)).toBeDefined();
  });

  it('bounds the items of one object, nested ones included', () => {
    const limits = { maxDepth: 64, maxItems: 1000 };
    const nested = `[${'[1 2 3 4 5 6 7 8 9] '.repeat(200)}]`;
    expect(() => new Lexer(Buffer.from(nested), 0, limits).parseValue()).toThrow('too many items');
    expect(
      Array.isArray(new Lexer(Buffer.from(`[${'[1 2 3 4] '.repeat(100)}]`), 0, limits).parseValue()),
    ).toBe(true);
  });

  it('reports unterminated strings, arrays and dictionaries as malformed', () => {
    for (const text of ['(abc', '<414', '[1 2', '<< /A 1', '<< 1 2 >>', '<< /A >>', ')']) {
      expect(errorCode(() => parse(text))).toBe('MALFORMED');
    }
  });
});

describe('countPdfPages', () => {
  it('counts the pages of files written by pdfkit (classic xref table), compressed or not', async () => {
    expect(countPdfPages(await pdfkitFile(1))).toBe(1);
    expect(countPdfPages(await pdfkitFile(7, false))).toBe(7);
  });

  it('reads a PDF 1.5 file whose catalog and page tree sit in an object stream behind an xref stream', () => {
    const objects = pageTreeObjects(4);
    const file = compressedPdf(objects.slice(2), objects.slice(0, 2));
    expect(countPdfPages(file)).toBe(4);
    const doc = PdfDocument.parse(file);
    expect(doc.sections.map((s) => s.kind)).toEqual(['stream']);
    expect(doc.xref.get(1)).toMatchObject({ type: 'compressed', index: 0 });
  });

  it('follows an indirect /Count and /Pages', () => {
    const file = classicPdf(
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 3 0 R >>' },
        { num: 3, body: '2' },
        { num: 4, body: '<< /Type /Page /Parent 2 0 R >>' },
        { num: 5, body: '<< /Type /Page /Parent 2 0 R >>' },
      ],
      '/Root 1 0 R',
    );
    expect(countPdfPages(file)).toBe(2);
  });

  it('sees pages added by an incremental update (newest revision wins)', () => {
    const base = classicPdf(pageTreeObjects(1), '/Root 1 0 R');
    const updated = appendIncrementalUpdate(base, [
      { num: 2, body: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>' },
      { num: 4, body: '<< /Type /Page /Parent 2 0 R >>' },
    ]);
    expect(countPdfPages(base)).toBe(1);
    expect(countPdfPages(updated)).toBe(2);
    expect(findRevisionEnds(updated)).toEqual([base.length, updated.length]);
    expect(PdfDocument.parse(updated).sections).toHaveLength(2);
  });

  it('reads a hybrid file (table section whose /XRefStm names a stream of compressed objects)', () => {
    const objects = pageTreeObjects(2);
    const streamFile = compressedPdf(objects.slice(2), objects.slice(0, 2));
    const streamDoc = PdfDocument.parse(streamFile);
    const xrefStmOffset = streamDoc.sections[0].offset;
    // A table section listing only the plain objects, pointing at the stream for the rest.
    const plainRows = [3, 4].map((num) => {
      const entry = streamDoc.xref.get(num);
      return `${num} 1\n${String(entry && entry.type === 'offset' ? entry.offset : 0).padStart(10, '0')} 00000 n\r`;
    });
    const body = streamFile.subarray(0, streamFile.lastIndexOf('startxref'));
    const tableOffset = body.length;
    const hybrid = Buffer.concat([
      body,
      Buffer.from(
        `xref\n0 1\n0000000000 65535 f\r\n${plainRows.join('\n')}\ntrailer\n<< /Size 7 /Root 1 0 R /XRefStm ${xrefStmOffset} >>\nstartxref\n${tableOffset}\n%%EOF\n`,
      ),
    ]);
    expect(countPdfPages(hybrid)).toBe(2);
  });

  it('throws typed errors on malformed input', () => {
    const good = classicPdf(pageTreeObjects(1), '/Root 1 0 R');
    expect(errorCode(() => countPdfPages(Buffer.from('hello world')))).toBe('MALFORMED');
    expect(errorCode(() => countPdfPages(Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF')))).toBe(
      'MALFORMED',
    );
    expect(errorCode(() => countPdfPages(good.subarray(0, good.length - 60)))).toBe('MALFORMED');
    expect(
      errorCode(() => countPdfPages(classicPdf(pageTreeObjects(1), '/Root 1 0 R', { xrefShift: 7 }))),
    ).toBe('MALFORMED');
    expect(errorCode(() => countPdfPages(classicPdf(pageTreeObjects(1), '/Info 1 0 R')))).toBe('MALFORMED');
    const lying = classicPdf(
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [] /Count 99999 >>' },
      ],
      '/Root 1 0 R',
    );
    expect(errorCode(() => countPdfPages(lying))).toBe('MALFORMED');
    const negative = classicPdf(
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [] /Count -1 >>' },
      ],
      '/Root 1 0 R',
    );
    expect(errorCode(() => countPdfPages(negative))).toBe('MALFORMED');
  });

  it('detects a /Prev loop and a self-referencing /Length', () => {
    const base = classicPdf(pageTreeObjects(1), '/Root 1 0 R');
    const xrefAt = base.lastIndexOf('xref\n0 ');
    const looped = Buffer.concat([
      base,
      Buffer.from(
        `xref\n0 0\ntrailer\n<< /Size 4 /Root 1 0 R /Prev ${base.length} >>\nstartxref\n${base.length}\n%%EOF\n`,
      ),
    ]);
    expect(xrefAt).toBeGreaterThan(0);
    expect(errorCode(() => countPdfPages(looped))).toBe('MALFORMED');
    const selfLength = classicPdf(
      [...pageTreeObjects(1), { num: 4, body: '<< /Length 4 0 R >>\nstream\nabc\nendstream' }],
      '/Root 1 0 R',
    );
    const doc = PdfDocument.parse(selfLength);
    // /Length cannot be resolved while object 4 is being read; the endstream keyword bounds the data.
    expect(Buffer.from((doc.getObject(4) as PdfStream).data).toString()).toBe('abc');
  });

  it('stops a deflate bomb at the inflate limit', () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const objects = pageTreeObjects(1);
    const file = compressedPdf(objects.slice(2), objects.slice(0, 2));
    // Replace the object stream by a bomb: the catalog cannot be read without inflating it.
    const doc = PdfDocument.parse(file, { maxInflatePerStream: 1024 * 1024 });
    expect(countPdfPages(file)).toBe(1);
    const bombStream = new PdfStream(
      new PdfDict(new Map([['Filter', new PdfName('FlateDecode')]]), 0, 0),
      bomb,
      0,
    );
    expect(errorCode(() => doc.decode(bombStream))).toBe('LIMIT_EXCEEDED');
    expect(errorCode(() => countPdfPages(file, { maxInflatePerStream: 16 }))).toBe('LIMIT_EXCEEDED');
  });

  it('refuses files above the size limit', () => {
    const file = classicPdf(pageTreeObjects(1), '/Root 1 0 R');
    expect(errorCode(() => countPdfPages(file, { maxFileSize: 100 }))).toBe('LIMIT_EXCEEDED');
  });

  it('survives random corruption with either a count or a PdfError, never another exception', () => {
    const file = classicPdf(pageTreeObjects(3), '/Root 1 0 R');
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 300; round += 1) {
      const copy = Buffer.from(file);
      for (let k = 0; k < 3; k += 1) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      try {
        expect(typeof countPdfPages(copy)).toBe('number');
      } catch (error) {
        expect(error).toBeInstanceOf(PdfError);
      }
    }
  });
});

describe('pdfValuesEqual', () => {
  it('compares structure, not offsets', () => {
    const a = new Lexer(Buffer.from('<< /A [1 2 0 R (x)] >>')).parseValue();
    const b = new Lexer(Buffer.from('   <</A[1 2 0 R<78>]>>')).parseValue();
    const c = new Lexer(Buffer.from('<< /A [1 2 0 R (y)] >>')).parseValue();
    expect(pdfValuesEqual(a, b)).toBe(true);
    expect(pdfValuesEqual(a, c)).toBe(false);
  });
});
