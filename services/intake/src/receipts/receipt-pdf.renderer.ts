import PDFDocument from 'pdfkit';
import { receiptFonts } from './receipt-fonts';
import { DOCUMENT_FORM_LABELS_VI, ReceiptForm01 } from './receipt-form-01';
import { formatVietnamDate, formatVietnamDateTime, formatVnd } from './receipt-text';

const MM = 72 / 25.4;
// A4 with the margins of administrative documents (Decree 30/2020/NĐ-CP: left 30 mm, others 20 mm).
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM };
const BODY_SIZE = 12;
const SMALL_SIZE = 11;
const LINE_GAP = 1.5;
const TABLE_PADDING = 4;
const SIGNATURE_SPACE = 50;

type Doc = PDFKit.PDFDocument;

/** Every string NFC-normalised: a decomposed "ế" (e + marks) would otherwise print as loose accents. */
function normalized<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC').trim() as T;
  if (Array.isArray(value)) return value.map(normalized) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalized(v)])) as T;
  }
  return value;
}

function checked(receipt: ReceiptForm01): ReceiptForm01 {
  for (const [field, instant] of [
    ['receivedAt', receipt.receivedAt],
    ['appointmentAt', receipt.appointmentAt],
  ] as const) {
    if (instant !== null && Number.isNaN(new Date(instant).getTime())) {
      throw new RangeError(`receipt ${field} is not a valid instant`);
    }
  }
  for (const document of receipt.documents) {
    if (!Number.isInteger(document.copies) || document.copies < 1) {
      throw new RangeError(`receipt document copies must be a positive whole number: ${document.copies}`);
    }
  }
  return normalized(receipt);
}

/**
 * Prints form 01 (giấy tiếp nhận hồ sơ và hẹn trả kết quả) as an A4 PDF with embedded Unicode fonts.
 * Pure: the same receipt gives the same bytes (the PDF's dates come from `receivedAt`).
 */
export async function renderReceiptPdf(input: ReceiptForm01): Promise<Buffer> {
  const receipt = checked(input);
  const fonts = receiptFonts();
  const received = new Date(receipt.receivedAt);
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    autoFirstPage: false,
    // No built-in default font: Helvetica would be loaded for nothing.
    font: '',
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${receipt.dossierCode}`,
      Subject: 'Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      Author: receipt.agency.name,
      Creator: 'motcua intake',
      Producer: 'motcua intake (PDFKit)',
      CreationDate: received,
      ModDate: received,
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.addPage();
  doc.font('regular').fontSize(BODY_SIZE);
  drawHeading(doc, receipt);
  drawTitle(doc, receipt);
  drawApplicant(doc, receipt);
  drawItems(doc, receipt);
  drawSignatures(doc, receipt);
  doc.end();
  return done;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page when fewer than `height` points are left above the bottom margin. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** Centred text with a short rule under it, as under the agency name and the national motto. */
function underline(doc: Doc, centreX: number, width: number, y: number): void {
  doc
    .moveTo(centreX - width / 2, y)
    .lineTo(centreX + width / 2, y)
    .lineWidth(0.6)
    .stroke();
}

function drawHeading(doc: Doc, receipt: ReceiptForm01): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const top = doc.y;
  const leftWidth = width * 0.42;
  const rightX = left + leftWidth;
  const rightWidth = width - leftWidth;

  // Left: the governing body, then the receiving agency (bold), then the dossier code.
  doc.y = top;
  if (receipt.agency.parentName) {
    doc
      .font('regular')
      .fontSize(SMALL_SIZE)
      .text(receipt.agency.parentName.toLocaleUpperCase('vi'), left, doc.y, {
        width: leftWidth,
        align: 'center',
      });
  }
  doc
    .font('bold')
    .fontSize(SMALL_SIZE)
    .text(receipt.agency.name.toLocaleUpperCase('vi'), left, doc.y, { width: leftWidth, align: 'center' });
  underline(doc, left + leftWidth / 2, leftWidth * 0.35, doc.y + 2);
  doc.y += 6;
  doc
    .font('regular')
    .fontSize(SMALL_SIZE - 1)
    .text(`Mã cơ quan: ${receipt.agency.code}`, left, doc.y, { width: leftWidth, align: 'center' });
  const leftBottom = doc.y;

  // Right: the national heading.
  doc.y = top;
  doc
    .font('bold')
    .fontSize(SMALL_SIZE)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, doc.y, { width: rightWidth, align: 'center' });
  doc
    .font('bold')
    .fontSize(BODY_SIZE)
    .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightWidth, align: 'center' });
  const mottoWidth = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  underline(doc, rightX + rightWidth / 2, mottoWidth, doc.y + 2);
  doc.y += 10;
  const place = receipt.agency.place ? `${receipt.agency.place}, ` : '';
  doc
    .font('italic')
    .fontSize(BODY_SIZE)
    .text(`${place}${formatVietnamDate(receipt.receivedAt)}`, rightX, doc.y, {
      width: rightWidth,
      align: 'center',
    });

  doc.y = Math.max(leftBottom, doc.y) + 14;
  doc.x = left;
}

function drawTitle(doc: Doc, receipt: ReceiptForm01): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc
    .font('bold')
    .fontSize(14)
    .text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.2);
  doc
    .font('bold')
    .fontSize(BODY_SIZE)
    .text(`Mã hồ sơ: ${receipt.dossierCode}`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);
}

/** "Label: value" with the label in regular and the value in bold, wrapped within the text block. */
function labelled(doc: Doc, label: string, value: string, boldValue = false): void {
  const left = doc.page.margins.left;
  doc.font(boldValue ? 'bold' : 'regular').fontSize(BODY_SIZE);
  ensureSpace(doc, doc.heightOfString(`${label}: ${value}`, { width: contentWidth(doc), lineGap: LINE_GAP }));
  doc
    .font('regular')
    .fontSize(BODY_SIZE)
    .text(`${label}: `, left, doc.y, { width: contentWidth(doc), continued: true, lineGap: LINE_GAP })
    .font(boldValue ? 'bold' : 'regular')
    .text(value, { lineGap: LINE_GAP });
}

function paragraph(doc: Doc, text: string, font: 'regular' | 'bold' | 'italic' = 'regular'): void {
  const left = doc.page.margins.left;
  const options = { width: contentWidth(doc), lineGap: LINE_GAP };
  doc.font(font).fontSize(BODY_SIZE);
  ensureSpace(doc, doc.heightOfString(text, options));
  doc.text(text, left, doc.y, options);
}

function drawApplicant(doc: Doc, receipt: ReceiptForm01): void {
  const { applicant, request } = receipt;
  paragraph(doc, `${receipt.agency.name} đã tiếp nhận hồ sơ của:`);
  labelled(doc, 'Ông/bà', applicant.fullName, true);
  labelled(doc, 'Địa chỉ', applicant.address || '—');
  labelled(doc, 'Số điện thoại', applicant.phone || '—');
  if (applicant.email) labelled(doc, 'Thư điện tử', applicant.email);
  labelled(
    doc,
    'Nội dung yêu cầu giải quyết',
    `${request.procedureName} (mã thủ tục ${request.procedureCode})`,
  );
  doc.moveDown(0.4);
}

function drawItems(doc: Doc, receipt: ReceiptForm01): void {
  let n = 0;
  const item = () => `${++n}.`;

  paragraph(doc, `${item()} Thành phần hồ sơ nộp gồm:`);
  drawDocumentTable(doc, receipt);

  if (receipt.processingLimit) {
    const { value, unit } = receipt.processingLimit;
    paragraph(
      doc,
      `${item()} Thời hạn giải quyết hồ sơ theo quy định: ${value} ${unit === 'WORKING_HOURS' ? 'giờ làm việc' : 'ngày làm việc'}.`,
    );
  }
  labelled(doc, `${item()} Thời gian nhận hồ sơ`, formatVietnamDateTime(receipt.receivedAt));
  labelled(
    doc,
    `${item()} Thời gian trả kết quả giải quyết hồ sơ`,
    receipt.appointmentAt
      ? formatVietnamDateTime(receipt.appointmentAt)
      : 'sẽ được thông báo khi hồ sơ được tiếp nhận chính thức',
    receipt.appointmentAt !== null,
  );
  labelled(doc, `${item()} Nơi nhận kết quả`, receipt.resultPickup);
  labelled(
    doc,
    `${item()} Phí, lệ phí`,
    receipt.feeVnd ? formatVnd(receipt.feeVnd) : 'Không thu phí, lệ phí',
  );
  if (receipt.logBook) {
    paragraph(
      doc,
      `Vào Sổ theo dõi hồ sơ, Quyển số: ${receipt.logBook.book}, Số thứ tự: ${receipt.logBook.entry}.`,
    );
  }
  doc.moveDown(0.4);
  paragraph(doc, lookupLine(receipt), 'italic');
  doc.moveDown(0.5);
}

/** The plain "tra cứu" line: how the citizen follows the dossier with its code (no QR code). */
export function lookupLine(receipt: Pick<ReceiptForm01, 'dossierCode' | 'applicant' | 'lookupUrl'>): string {
  if (!receipt.applicant.phone) {
    return (
      `Tra cứu tình trạng hồ sơ: hồ sơ không đăng ký số điện thoại nên không tra cứu trực tuyến được; ` +
      `ông/bà vui lòng liên hệ Bộ phận Tiếp nhận và Trả kết quả, đọc mã hồ sơ ${receipt.dossierCode}.`
    );
  }
  const where = receipt.lookupUrl ? `tại ${receipt.lookupUrl}` : 'trên trang tra cứu hồ sơ của cơ quan';
  return (
    `Tra cứu tình trạng hồ sơ: ông/bà có thể tra cứu ${where} bằng mã hồ sơ ${receipt.dossierCode} ` +
    `và 4 số cuối của số điện thoại đã đăng ký.`
  );
}

function drawDocumentTable(doc: Doc, receipt: ReceiptForm01): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const columns = [
    { title: 'TT', width: width * 0.08, align: 'center' as const },
    { title: 'Tên giấy tờ', width: width * 0.54, align: 'left' as const },
    { title: 'Hình thức', width: width * 0.24, align: 'center' as const },
    { title: 'Số lượng', width: width * 0.14, align: 'center' as const },
  ];

  const row = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(SMALL_SIZE);
    const height =
      Math.max(
        ...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i].width - 2 * TABLE_PADDING })),
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
    let x = left;
    cells.forEach((cell, i) => {
      doc.rect(x, top, columns[i].width, height).lineWidth(0.5).stroke();
      doc
        .font(font)
        .fontSize(SMALL_SIZE)
        .text(cell, x + TABLE_PADDING, top + TABLE_PADDING, {
          width: columns[i].width - 2 * TABLE_PADDING,
          align: columns[i].align,
        });
      x += columns[i].width;
    });
    doc.y = top + height;
  };

  row(
    columns.map((c) => c.title),
    'bold',
  );
  if (receipt.documents.length === 0) {
    row(['', 'Không có giấy tờ kèm theo', '', ''], 'regular');
  }
  receipt.documents.forEach((document, i) =>
    row(
      [String(i + 1), document.name, DOCUMENT_FORM_LABELS_VI[document.form], String(document.copies)],
      'regular',
    ),
  );
  doc.x = left;
  doc.moveDown(0.5);
}

function drawSignatures(doc: Doc, receipt: ReceiptForm01): void {
  const left = doc.page.margins.left;
  const half = contentWidth(doc) / 2;
  // Role, hint, room to sign, name: kept together on one page.
  ensureSpace(doc, SIGNATURE_SPACE + 3 * doc.currentLineHeight(true));
  const top = doc.y;
  const block = (x: number, role: string, name: string) => {
    doc.font('bold').fontSize(BODY_SIZE).text(role, x, top, { width: half, align: 'center' });
    doc
      .font('italic')
      .fontSize(SMALL_SIZE)
      .text('(Ký và ghi rõ họ tên)', x, doc.y, { width: half, align: 'center' });
    doc
      .font('bold')
      .fontSize(BODY_SIZE)
      .text(name, x, doc.y + SIGNATURE_SPACE, { width: half, align: 'center' });
  };
  block(left, 'NGƯỜI NỘP HỒ SƠ', receipt.applicant.fullName);
  block(left + half, 'NGƯỜI TIẾP NHẬN HỒ SƠ', receipt.receivingClerk.name);
}
