import PDFDocument from 'pdfkit';
import { receiptFonts } from '../../receipts/receipt-fonts';
import { formatVietnamDate } from '../../receipts/receipt-text';
import type { FormTemplateRef } from '../printed-form';

const MM = 72 / 25.4;
// A4 with the margins of administrative documents (Decree 30/2020/NĐ-CP: left 30 mm, others 20 mm).
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM };
export const BODY_SIZE = 12;
export const SMALL_SIZE = 11;
const LINE_GAP = 1.5;
const TABLE_PADDING = 4;
const SIGNATURE_SPACE = 50;

type Doc = PDFKit.PDFDocument;
export type FontRole = 'regular' | 'bold' | 'italic';

/** Every string NFC-normalised: a decomposed "ế" (e + marks) would otherwise print as loose accents. */
export function normalizedForPrint<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC').trim() as T;
  if (Array.isArray(value)) return value.map(normalizedForPrint) as T;
  if (value instanceof Date) return value;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizedForPrint(v)])) as T;
  }
  return value;
}

export interface FormPdfInfo {
  title: string;
  subject: string;
  author: string;
  /** The PDF's creation date: the form's own time, so the same form gives the same bytes. */
  at: Date;
  layout?: 'portrait' | 'landscape';
}

/** The heading of an administrative form: the agency on the left, the national motto and the date on the right. */
export interface FormHeading {
  agencyName: string;
  parentName?: string | null;
  agencyCode: string;
  place?: string | null;
  /** The date line's instant (Vietnam date). */
  date: string | Date;
}

export interface TableColumn {
  title: string;
  /** Share of the text width. */
  share: number;
  align?: 'left' | 'center' | 'right';
}

export interface SignatureBlock {
  role: string;
  hint?: string;
  name: string;
}

/**
 * One layout for every one-stop form (A4, Noto Serif embedded, Decree 30/2020 margins), drawn top to bottom:
 * heading, title, paragraphs and labelled lines, tables that continue on the next page with their header
 * repeated, the signature blocks and the template's footer. Strings are NFC-normalised by the callers' data
 * (`normalizedForPrint`). Pure: the same calls give the same bytes.
 */
export class FormPdf {
  private constructor(private readonly doc: Doc) {}

  static render(info: FormPdfInfo, draw: (form: FormPdf) => void): Promise<Buffer> {
    const fonts = receiptFonts();
    const doc: Doc = new PDFDocument({
      size: 'A4',
      layout: info.layout ?? 'portrait',
      margins: MARGINS,
      autoFirstPage: false,
      // No built-in default font: Helvetica would be loaded for nothing.
      font: '',
      lang: 'vi-VN',
      displayTitle: true,
      info: {
        Title: info.title.normalize('NFC'),
        Subject: info.subject.normalize('NFC'),
        Author: info.author.normalize('NFC'),
        Creator: 'motcua intake',
        Producer: 'motcua intake (PDFKit)',
        CreationDate: info.at,
        ModDate: info.at,
      },
    });
    // pdfkit 0.20 takes a parsed fontkit font (`src.layout`); @types/pdfkit only knows files and buffers.
    for (const role of ['regular', 'bold', 'italic'] as const)
      doc.registerFont(role, fonts[role] as unknown as PDFKit.Mixins.PDFFontSource);
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    doc.addPage();
    doc.font('regular').fontSize(BODY_SIZE);
    try {
      draw(new FormPdf(doc));
    } finally {
      doc.end();
    }
    return done;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page when fewer than `height` points are left above the bottom margin. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  /** A short rule under centred text, as under the agency name and the national motto. */
  private underline(centreX: number, width: number, y: number): void {
    this.doc
      .moveTo(centreX - width / 2, y)
      .lineTo(centreX + width / 2, y)
      .lineWidth(0.6)
      .stroke();
  }

  heading(heading: FormHeading): this {
    const doc = this.doc;
    const left = this.left;
    const top = doc.y;
    const leftWidth = this.width * 0.42;
    const rightX = left + leftWidth;
    const rightWidth = this.width - leftWidth;

    // Left: the governing body, then the agency (bold), then its code.
    doc.y = top;
    if (heading.parentName) {
      doc
        .font('regular')
        .fontSize(SMALL_SIZE)
        .text(heading.parentName.toLocaleUpperCase('vi'), left, doc.y, { width: leftWidth, align: 'center' });
    }
    doc
      .font('bold')
      .fontSize(SMALL_SIZE)
      .text(heading.agencyName.toLocaleUpperCase('vi'), left, doc.y, { width: leftWidth, align: 'center' });
    this.underline(left + leftWidth / 2, leftWidth * 0.35, doc.y + 2);
    doc.y += 6;
    doc
      .font('regular')
      .fontSize(SMALL_SIZE - 1)
      .text(`Mã cơ quan: ${heading.agencyCode}`, left, doc.y, { width: leftWidth, align: 'center' });
    const leftBottom = doc.y;

    // Right: the national heading and the date line.
    doc.y = top;
    doc
      .font('bold')
      .fontSize(SMALL_SIZE)
      .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, doc.y, { width: rightWidth, align: 'center' });
    doc
      .font('bold')
      .fontSize(BODY_SIZE)
      .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightWidth, align: 'center' });
    this.underline(rightX + rightWidth / 2, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'), doc.y + 2);
    doc.y += 10;
    const place = heading.place ? `${heading.place}, ` : '';
    doc
      .font('italic')
      .fontSize(BODY_SIZE)
      .text(`${place}${formatVietnamDate(heading.date)}`, rightX, doc.y, {
        width: rightWidth,
        align: 'center',
      });

    doc.y = Math.max(leftBottom, doc.y) + 14;
    doc.x = left;
    return this;
  }

  title(title: string, subtitle?: string): this {
    this.doc
      .font('bold')
      .fontSize(14)
      .text(title, this.left, this.doc.y, { width: this.width, align: 'center' });
    this.doc.moveDown(0.2);
    if (subtitle) {
      this.doc
        .font('bold')
        .fontSize(BODY_SIZE)
        .text(subtitle, this.left, this.doc.y, { width: this.width, align: 'center' });
    }
    this.doc.moveDown(0.8);
    return this;
  }

  /** "Label: value" with the label in regular and the value in regular or bold, wrapped within the text block. */
  labelled(label: string, value: string, boldValue = false): this {
    const doc = this.doc;
    doc.font(boldValue ? 'bold' : 'regular').fontSize(BODY_SIZE);
    this.ensureSpace(doc.heightOfString(`${label}: ${value}`, { width: this.width, lineGap: LINE_GAP }));
    doc
      .font('regular')
      .fontSize(BODY_SIZE)
      .text(`${label}: `, this.left, doc.y, { width: this.width, continued: true, lineGap: LINE_GAP })
      .font(boldValue ? 'bold' : 'regular')
      .text(value, { lineGap: LINE_GAP });
    return this;
  }

  paragraph(text: string, font: FontRole = 'regular'): this {
    const options = { width: this.width, lineGap: LINE_GAP };
    this.doc.font(font).fontSize(BODY_SIZE);
    this.ensureSpace(this.doc.heightOfString(text, options));
    this.doc.text(text, this.left, this.doc.y, options);
    return this;
  }

  space(lines: number): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** A ruled table; a row that does not fit starts a new page, which repeats the header. */
  table(columns: TableColumn[], rows: string[][], emptyRow?: string[], size = SMALL_SIZE): this {
    const doc = this.doc;
    const widths = columns.map((c) => c.share * this.width);
    const row = (cells: string[], font: FontRole) => {
      doc.font(font).fontSize(size);
      const height =
        Math.max(
          ...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 2 * TABLE_PADDING })),
        ) +
        2 * TABLE_PADDING;
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        if (font === 'regular')
          row(
            columns.map((c) => c.title),
            'bold',
          );
      }
      const top = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        doc.rect(x, top, widths[i], height).lineWidth(0.5).stroke();
        doc
          .font(font)
          .fontSize(size)
          .text(cell, x + TABLE_PADDING, top + TABLE_PADDING, {
            width: widths[i] - 2 * TABLE_PADDING,
            align: columns[i].align ?? 'left',
          });
        x += widths[i];
      });
      doc.y = top + height;
    };
    row(
      columns.map((c) => c.title),
      'bold',
    );
    if (rows.length === 0 && emptyRow) row(emptyRow, 'regular');
    for (const cells of rows) row(cells, 'regular');
    doc.x = this.left;
    doc.moveDown(0.5);
    return this;
  }

  /** Signature blocks side by side (role, hint, room to sign, name), kept together on one page. */
  signatures(blocks: SignatureBlock[]): this {
    const doc = this.doc;
    const share = this.width / blocks.length;
    this.ensureSpace(SIGNATURE_SPACE + 3 * doc.currentLineHeight(true));
    const top = doc.y;
    let bottom = top;
    blocks.forEach((block, i) => {
      const x = this.left + i * share;
      doc.font('bold').fontSize(BODY_SIZE).text(block.role, x, top, { width: share, align: 'center' });
      doc
        .font('italic')
        .fontSize(SMALL_SIZE)
        .text(block.hint ?? '(Ký và ghi rõ họ tên)', x, doc.y, { width: share, align: 'center' });
      doc
        .font('bold')
        .fontSize(BODY_SIZE)
        .text(block.name, x, doc.y + SIGNATURE_SPACE, { width: share, align: 'center' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom;
    doc.x = this.left;
    return this;
  }

  /** The template's legal basis, version and effective date, in small italics under the form. */
  footer(template: FormTemplateRef): this {
    this.doc.moveDown(1);
    const text =
      `Mẫu số ${template.formCode}, ${template.legalBasis}; phiên bản ${template.version}, ` +
      `áp dụng từ ${formatVietnamDate(`${template.effectiveFrom}T00:00:00+07:00`)}.`;
    const options = { width: this.width, lineGap: LINE_GAP };
    this.doc.font('italic').fontSize(SMALL_SIZE - 2);
    this.ensureSpace(this.doc.heightOfString(text, options));
    this.doc.text(text, this.left, this.doc.y, options);
    return this;
  }
}
