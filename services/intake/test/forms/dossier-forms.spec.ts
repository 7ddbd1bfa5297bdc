import type { AgencyEntity } from '../../src/agencies/agency.entity';
import type { DossierActionEntity } from '../../src/dossiers/dossier-action.entity';
import type { DossierEntity } from '../../src/dossiers/dossier.entity';
import { formIssuedBy } from '../../src/forms/form-codes';
import type { DossierFormInput } from '../../src/forms/printed-form';
import { missingComponents, printDossierForm } from '../../src/forms/printing/dossier-forms';
import { templateInForce } from '../../src/forms/printing/form-templates';
import { extractText } from '../support/pdf-text';

const at = (iso: string) => new Date(iso);

const dossier = {
  code: '000.00.12.H49-261201-0007',
  agencyCode: '000.00.12.H49',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  channel: 'DIRECT',
  status: 'STOPPED',
  receivedAt: at('2026-12-01T02:00:00Z'),
  dueAt: at('2026-12-10T10:00:00Z'),
  // Decomposed (NFD) on purpose: the forms print it precomposed.
  applicant: {
    idNumber: '001190012345',
    fullName: 'Nguyễn Thị Ánh Tuyết'.normalize('NFD'),
    dateOfBirth: '1990-04-12',
  },
  components: [
    { code: 'TK01', name: 'Tờ khai đăng ký khai sinh', required: true, provided: true },
    { code: 'GCS', name: 'Giấy chứng sinh', required: true, provided: false },
    { code: 'KH', name: 'Giấy chứng nhận kết hôn của cha mẹ', required: false, provided: false },
  ],
} as unknown as DossierEntity;

const line = (seq: number, action: string, fields: Partial<DossierActionEntity>): DossierActionEntity =>
  ({
    id: String(seq),
    dossierCode: dossier.code,
    seq,
    action,
    fromStatus: null,
    toStatus: 'RECEIVED',
    actor: 'Trần Văn Bình',
    actorAgency: '000.00.12.H49',
    reason: null,
    dueAt: null,
    onTimeState: null,
    details: {},
    recordedAt: at('2026-12-01T02:00:00Z'),
    at: at('2026-12-01T02:00:00Z'),
    ...fields,
  }) as DossierActionEntity;

const actions = [
  line(1, 'RECEIVE', { toStatus: 'RECEIVED', dueAt: at('2026-12-10T10:00:00Z') }),
  line(2, 'REQUEST_SUPPLEMENT', {
    fromStatus: 'RECEIVED',
    toStatus: 'SUPPLEMENT_REQUESTED',
    at: at('2026-12-01T03:00:00Z'),
    reason: 'Thiếu giấy chứng sinh bản chính',
    onTimeState: 'EARLY',
    // GCS named by the clerk and also required-and-missing: listed once.
    details: {
      components: [
        { code: 'GCS', provided: false },
        { code: 'XN', name: 'Giấy xác nhận cư trú', provided: false },
      ],
    },
  }),
  line(3, 'RECEIVE_SUPPLEMENT', {
    fromStatus: 'SUPPLEMENT_REQUESTED',
    toStatus: 'RECEIVED',
    at: at('2026-12-02T03:00:00Z'),
    dueAt: at('2026-12-11T10:00:00Z'),
    onTimeState: 'ON_TIME',
  }),
  line(4, 'APOLOGIZE', {
    fromStatus: 'RECEIVED',
    toStatus: 'RECEIVED',
    at: at('2026-12-09T03:00:00Z'),
    reason: 'Cần xác minh thông tin với cơ quan khác',
    dueAt: at('2026-12-16T10:00:00Z'),
    onTimeState: 'LATE',
  }),
  line(5, 'STOP', {
    fromStatus: 'RECEIVED',
    toStatus: 'STOPPED',
    at: at('2026-12-12T03:00:00Z'),
    reason: 'Người nộp đề nghị dừng',
    onTimeState: 'LATE',
  }),
];

const agency = { code: '000.00.12.H49', name: 'Sở Tư pháp tỉnh Hà Giang', parentCode: 'H49' } as AgencyEntity;
const parentAgency = { code: 'H49', name: 'Ủy ban nhân dân tỉnh Hà Giang' } as AgencyEntity;

const input = (formCode: DossierFormInput['formCode'], seq: number | null): DossierFormInput => {
  const issuingAction = seq === null ? null : actions.find((a) => a.seq === seq)!;
  return {
    formCode,
    dossier,
    actions,
    issuingAction,
    agency,
    parentAgency,
    printedAt: issuingAction?.at ?? at('2026-12-12T04:00:00Z'),
  };
};

describe('the one-stop forms 02-06', () => {
  it('names which line issues which form', () => {
    expect(actions.map((a) => formIssuedBy(a))).toEqual(['01', '02', null, '04', '05']);
    expect(formIssuedBy({ action: 'RECEIVE', fromStatus: null, toStatus: 'SUBMITTED' })).toBeNull();
    expect(formIssuedBy({ action: 'ACCEPT', fromStatus: 'SUBMITTED', toStatus: 'RECEIVED' })).toBe('01');
    expect(formIssuedBy({ action: 'REJECT', fromStatus: 'SUBMITTED', toStatus: 'REJECTED' })).toBe('03');
    expect(formIssuedBy({ action: 'IMPORT', fromStatus: null, toStatus: 'RECEIVED' })).toBeNull();
  });

  it('02 lists everything missing once: what the clerk named and the required components not provided', async () => {
    expect(missingComponents(input('02', 2))).toEqual([
      { code: 'GCS', name: 'Giấy chứng sinh' },
      { code: 'XN', name: 'Giấy xác nhận cư trú' },
    ]);
    const printed = await printDossierForm(input('02', 2));
    const text = extractText(printed.pdf);
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Mã hồ sơ: 000.00.12.H49-261201-0007');
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');
    expect(text.split('Giấy chứng sinh').length - 1).toBe(1);
    expect(text).toContain('Giấy xác nhận cư trú');
    expect(text).toContain('Lý do: Thiếu giấy chứng sinh bản chính');
    expect(text).toContain('SỞ TƯ PHÁP TỈNH HÀ GIANG');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The date line is the action's (10:00 Vietnam time on 1/12/2026).
    expect(text).toContain('ngày 01 tháng 12 năm 2026');
    expect(text).toContain('Thông tư số 03/2025/TT-VPCP');
    expect(printed.fileName).toBe('mau-02-000.00.12.H49-261201-0007-2.pdf');
    expect(printed.pdf.toString('latin1')).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(printed.pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });

  it('04 gives the old appointment and the new one, with the reason', async () => {
    const text = extractText((await printDossierForm(input('04', 4))).pdf);
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain('Thời gian hẹn trả kết quả: 17 giờ 00 phút, ngày 11 tháng 12 năm 2026');
    expect(text).toContain('Thời gian hẹn trả kết quả mới: 17 giờ 00 phút, ngày 16 tháng 12 năm 2026');
    expect(text).toContain('Cần xác minh thông tin với cơ quan khác');
  });

  it('03 and 05 carry their written reason', async () => {
    const refusal = {
      ...input('03', 5),
      issuingAction: { ...actions[4], action: 'REJECT', reason: 'Không thuộc thẩm quyền' },
    };
    expect(extractText((await printDossierForm(refusal)).pdf)).toContain('Không thuộc thẩm quyền');
    const stop = extractText((await printDossierForm(input('05', 5))).pdf);
    expect(stop).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(stop).toContain('Người nộp đề nghị dừng');
  });

  it('06 has one row per hand-off with its on-time outcome in Vietnamese', async () => {
    const text = extractText((await printDossierForm(input('06', null))).pdf);
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    for (const words of [
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Yêu cầu bổ sung, hoàn thiện hồ sơ',
      'Dừng giải quyết',
    ])
      expect(text).toContain(words);
    expect(text.split('Quá hạn').length - 1).toBe(2);
  });

  it('prints the same bytes for the same input, and the template in force at the action', async () => {
    const [a, b] = await Promise.all([printDossierForm(input('02', 2)), printDossierForm(input('02', 2))]);
    expect(a.pdf.equals(b.pdf)).toBe(true);
    // The faces are parsed once per process: other documents printed in between change nothing.
    await printDossierForm(input('04', 4));
    await printDossierForm(input('05', 5));
    expect((await printDossierForm(input('02', 2))).pdf.equals(a.pdf)).toBe(true);
    expect(templateInForce('02', at('2025-06-30T16:59:59Z'))?.version).toBe('01/2018');
    expect(templateInForce('02', at('2025-06-30T17:00:00Z'))?.version).toBe('03/2025');
    expect(templateInForce('05', at('2024-01-01T00:00:00Z'))).toBeUndefined();
    const before = { ...input('02', 2), printedAt: at('2024-05-01T03:00:00Z') };
    expect(extractText((await printDossierForm(before)).pdf)).toContain('Thông tư số 01/2018/TT-VPCP');
    await expect(
      printDossierForm({ ...input('05', 5), printedAt: at('2024-05-01T03:00:00Z') }),
    ).rejects.toThrow('did not exist');
  });
});
