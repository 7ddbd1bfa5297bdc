import { FormPdf, normalizedForPrint } from '../forms/printing/form-pdf';
import { templateInForce } from '../forms/printing/form-templates';
import { DOCUMENT_FORM_LABELS_VI, ReceiptForm01 } from './receipt-form-01';
import { formatVietnamDateTime, formatVnd } from './receipt-text';

/** Form 01's title, also its signature's reason. */
export const RECEIPT_TITLE = 'Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả';

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
  return normalizedForPrint(receipt);
}

/**
 * Prints form 01 (giấy tiếp nhận hồ sơ và hẹn trả kết quả) as an A4 PDF with embedded Unicode fonts, in the
 * layout every form shares (forms/printing/form-pdf). Pure: the same receipt gives the same bytes (the PDF's dates
 * come from `receivedAt`).
 */
export async function renderReceiptPdf(input: ReceiptForm01): Promise<Buffer> {
  const receipt = checked(input);
  const received = new Date(receipt.receivedAt);
  const template = templateInForce('01', received);
  return FormPdf.render(
    {
      title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${receipt.dossierCode}`,
      subject: RECEIPT_TITLE,
      author: receipt.agency.name,
      at: received,
    },
    (form) => {
      form.heading({
        agencyName: receipt.agency.name,
        parentName: receipt.agency.parentName,
        agencyCode: receipt.agency.code,
        place: receipt.agency.place,
        date: receipt.receivedAt,
      });
      form.title('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', `Mã hồ sơ: ${receipt.dossierCode}`);
      drawApplicant(form, receipt);
      drawItems(form, receipt);
      form.signatures([
        { role: 'NGƯỜI NỘP HỒ SƠ', name: receipt.applicant.fullName },
        { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: receipt.receivingClerk.name },
      ]);
      if (template) form.footer(template);
    },
  );
}

function drawApplicant(form: FormPdf, receipt: ReceiptForm01): void {
  const { applicant, request } = receipt;
  form.paragraph(`${receipt.agency.name} đã tiếp nhận hồ sơ của:`);
  form.labelled('Ông/bà', applicant.fullName, true);
  form.labelled('Địa chỉ', applicant.address || '—');
  form.labelled('Số điện thoại', applicant.phone || '—');
  if (applicant.email) form.labelled('Thư điện tử', applicant.email);
  form.labelled(
    'Nội dung yêu cầu giải quyết',
    `${request.procedureName} (mã thủ tục ${request.procedureCode})`,
  );
  form.space(0.4);
}

function drawItems(form: FormPdf, receipt: ReceiptForm01): void {
  let n = 0;
  const item = () => `${++n}.`;

  form.paragraph(`${item()} Thành phần hồ sơ nộp gồm:`);
  form.table(
    [
      { title: 'TT', share: 0.08, align: 'center' },
      { title: 'Tên giấy tờ', share: 0.54, align: 'left' },
      { title: 'Hình thức', share: 0.24, align: 'center' },
      { title: 'Số lượng', share: 0.14, align: 'center' },
    ],
    receipt.documents.map((document, i) => [
      String(i + 1),
      document.name,
      DOCUMENT_FORM_LABELS_VI[document.form],
      String(document.copies),
    ]),
    ['', 'Không có giấy tờ kèm theo', '', ''],
  );

  if (receipt.processingLimit) {
    const { value, unit } = receipt.processingLimit;
    form.paragraph(
      `${item()} Thời hạn giải quyết hồ sơ theo quy định: ${value} ${unit === 'WORKING_HOURS' ? 'giờ làm việc' : 'ngày làm việc'}.`,
    );
  }
  form.labelled(`${item()} Thời gian nhận hồ sơ`, formatVietnamDateTime(receipt.receivedAt));
  form.labelled(
    `${item()} Thời gian trả kết quả giải quyết hồ sơ`,
    receipt.appointmentAt
      ? formatVietnamDateTime(receipt.appointmentAt)
      : 'sẽ được thông báo khi hồ sơ được tiếp nhận chính thức',
    receipt.appointmentAt !== null,
  );
  form.labelled(`${item()} Nơi nhận kết quả`, receipt.resultPickup);
  form.labelled(
    `${item()} Phí, lệ phí`,
    receipt.feeVnd ? formatVnd(receipt.feeVnd) : 'Không thu phí, lệ phí',
  );
  if (receipt.logBook) {
    form.paragraph(
      `Vào Sổ theo dõi hồ sơ, Quyển số: ${receipt.logBook.book}, Số thứ tự: ${receipt.logBook.entry}.`,
    );
  }
  form.space(0.4);
  form.paragraph(lookupLine(receipt), 'italic');
  form.space(0.5);
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
