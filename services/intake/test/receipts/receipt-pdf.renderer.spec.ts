import { ReceiptForm01 } from '../../src/receipts/receipt-form-01';
import { lookupLine, renderReceiptPdf } from '../../src/receipts/receipt-pdf.renderer';
import { extractText } from '../support/pdf-text';

const receipt: ReceiptForm01 = {
  form: '01',
  agency: {
    code: '000.00.12.H49',
    name: 'Sở Tư pháp tỉnh Thừa Thiên Huế',
    parentName: 'Ủy ban nhân dân tỉnh Thừa Thiên Huế',
    place: 'Thừa Thiên Huế',
  },
  dossierCode: '000.00.12.H49-261127-0042',
  applicant: {
    fullName: 'Nguyễn Thị Ánh Tuyết',
    address: 'Số 7 đường Lê Lợi, phường Phú Hội, thành phố Huế',
    phone: '0912345678',
    email: 'anhtuyet@example.vn',
  },
  request: { procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh' },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', copies: 1, form: 'ORIGINAL' },
    { name: 'Giấy chứng sinh do cơ sở y tế cấp', copies: 1, form: 'ORIGINAL' },
    { name: 'Giấy chứng nhận kết hôn của cha mẹ', copies: 2, form: 'CERTIFIED_COPY' },
  ],
  receivedAt: '2026-11-27T07:05:00Z', // 14:05 in Vietnam
  appointmentAt: '2026-12-04T10:00:00Z', // 17:00 in Vietnam
  processingLimit: { value: 5, unit: 'WORKING_DAYS' },
  resultPickup: 'Bộ phận Một cửa Sở Tư pháp, số 13 Phạm Văn Đồng, thành phố Huế',
  feeVnd: 135_000,
  logBook: { book: '03', entry: '0042' },
  receivingClerk: { name: 'Trần Văn Đức' },
  lookupUrl: 'https://dichvucong.example.vn/tra-cuu',
};

describe('renderReceiptPdf (form 01)', () => {
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    pdf = await renderReceiptPdf(receipt);
    text = extractText(pdf);
  });

  it('is a PDF that embeds its own Unicode font and no built-in one', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toContain('NotoSerif');
    expect(raw).not.toContain('/Helvetica');
    expect(pdf.length).toBeLessThan(200_000); // subsets, not whole fonts
  });

  it('prints the Vietnamese text with every diacritic intact', () => {
    for (const phrase of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ',
      'SỞ TƯ PHÁP TỈNH THỪA THIÊN HUẾ',
      'Thừa Thiên Huế, ngày 27 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.12.H49-261127-0042',
      'Ông/bà: Nguyễn Thị Ánh Tuyết',
      'Địa chỉ: Số 7 đường Lê Lợi, phường Phú Hội, thành phố Huế',
      'Số điện thoại: 0912345678',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục 1.001193)',
      'Tờ khai đăng ký khai sinh',
      'Bản sao có chứng thực',
      'Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 27 tháng 11 năm 2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 04 tháng 12 năm 2026',
      'Nơi nhận kết quả: Bộ phận Một cửa Sở Tư pháp, số 13 Phạm Văn Đồng, thành phố Huế',
      'Phí, lệ phí: 135.000 đồng',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 03, Số thứ tự: 0042.',
      'Tra cứu tình trạng hồ sơ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Đức',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text).not.toContain('\uFFFD');
  });

  it('prints decomposed input (NFD) as the same precomposed letters', async () => {
    const decomposed = await renderReceiptPdf({
      ...receipt,
      applicant: { ...receipt.applicant, fullName: 'Nguyễn Thị Ánh Tuyết'.normalize('NFD') },
    });
    expect(extractText(decomposed)).toContain('Ông/bà: Nguyễn Thị Ánh Tuyết');
  });

  it('gives the same bytes for the same receipt', async () => {
    expect((await renderReceiptPdf(receipt)).equals(pdf)).toBe(true);
  });

  it('prints what a receipt without fee, appointment, phone or log book still needs', async () => {
    const bare = extractText(
      await renderReceiptPdf({
        ...receipt,
        applicant: { fullName: 'Lê Văn Ất', address: null, phone: null },
        documents: [],
        appointmentAt: null,
        processingLimit: null,
        feeVnd: 0,
        logBook: null,
        lookupUrl: null,
      }),
    );
    expect(bare).toContain('Phí, lệ phí: Không thu phí, lệ phí');
    expect(bare).toContain('sẽ được thông báo khi hồ sơ được tiếp nhận chính thức');
    expect(bare).toContain('Không có giấy tờ kèm theo');
    expect(bare).toContain('không tra cứu trực tuyến được');
    expect(bare).not.toContain('Quyển số');
  });

  it('continues a long list of documents on a second page', async () => {
    const many = await renderReceiptPdf({
      ...receipt,
      documents: Array.from({ length: 40 }, (_, i) => ({
        name: `Giấy tờ chứng minh số ${i + 1}`,
        copies: 1,
        form: 'COPY' as const,
      })),
    });
    const pages = (many.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    const manyText = extractText(many);
    expect(manyText).toContain('Giấy tờ chứng minh số 40');
    expect(manyText).toContain('NGƯỜI NỘP HỒ SƠ');
  });

  it('refuses an invalid time or number of copies', async () => {
    await expect(renderReceiptPdf({ ...receipt, receivedAt: 'yesterday' })).rejects.toThrow(RangeError);
    await expect(
      renderReceiptPdf({ ...receipt, documents: [{ name: 'Tờ khai', copies: 0, form: 'ORIGINAL' }] }),
    ).rejects.toThrow(RangeError);
  });
});

describe('lookupLine', () => {
  it('tells the citizen to use the code and the last four phone digits, without a QR code', () => {
    expect(lookupLine(receipt)).toBe(
      'Tra cứu tình trạng hồ sơ: ông/bà có thể tra cứu tại https://dichvucong.example.vn/tra-cuu ' +
        'bằng mã hồ sơ 000.00.12.H49-261127-0042 và 4 số cuối của số điện thoại đã đăng ký.',
    );
  });
});
