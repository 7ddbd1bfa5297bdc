import type { FormCode } from '../form-codes';
import type { FormTemplateRef } from '../printed-form';

/** A template version: what the form is called and on which legal basis it is printed, from a date on. */
export interface FormTemplate extends FormTemplateRef {
  title: string;
}

const CIRCULAR_2018 = 'ban hành kèm theo Thông tư số 01/2018/TT-VPCP (Nghị định 61/2018/NĐ-CP)';
// DOMAIN.md §4: the seven forms of Circular 03/2025/TT-VPCP are described, not yet checked against the gazette.
const CIRCULAR_2025 = 'ban hành kèm theo Thông tư số 03/2025/TT-VPCP (Nghị định 118/2025/NĐ-CP)';

/**
 * The form templates, versioned and effective-dated like the other rules (DOMAIN.md §2): a form is printed with
 * the template in force at the moment of the action that issues it, so a new template never changes a form
 * already issued. Before 1/7/2025 Circular 01/2018 had no notice of stopping (05) and numbered its forms
 * differently; its dates are those of Decree 61/2018 (21/6/2018).
 */
export const FORM_TEMPLATES: readonly FormTemplate[] = [
  {
    formCode: '01',
    version: '01/2018',
    effectiveFrom: '2018-06-21',
    legalBasis: CIRCULAR_2018,
    title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  },
  {
    formCode: '02',
    version: '01/2018',
    effectiveFrom: '2018-06-21',
    legalBasis: CIRCULAR_2018,
    title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  },
  {
    formCode: '03',
    version: '01/2018',
    effectiveFrom: '2018-06-21',
    legalBasis: CIRCULAR_2018,
    title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  },
  {
    formCode: '04',
    version: '01/2018',
    effectiveFrom: '2018-06-21',
    legalBasis: CIRCULAR_2018,
    title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  },
  {
    formCode: '06',
    version: '01/2018',
    effectiveFrom: '2018-06-21',
    legalBasis: CIRCULAR_2018,
    title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
  },
  {
    formCode: '07',
    version: '01/2018',
    effectiveFrom: '2018-06-21',
    legalBasis: CIRCULAR_2018,
    title: 'SỔ THEO DÕI HỒ SƠ',
  },
  {
    formCode: '01',
    version: '03/2025',
    effectiveFrom: '2025-07-01',
    legalBasis: CIRCULAR_2025,
    title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  },
  {
    formCode: '02',
    version: '03/2025',
    effectiveFrom: '2025-07-01',
    legalBasis: CIRCULAR_2025,
    title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  },
  {
    formCode: '03',
    version: '03/2025',
    effectiveFrom: '2025-07-01',
    legalBasis: CIRCULAR_2025,
    title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  },
  {
    formCode: '04',
    version: '03/2025',
    effectiveFrom: '2025-07-01',
    legalBasis: CIRCULAR_2025,
    title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  },
  {
    formCode: '05',
    version: '03/2025',
    effectiveFrom: '2025-07-01',
    legalBasis: CIRCULAR_2025,
    title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
  },
  {
    formCode: '06',
    version: '03/2025',
    effectiveFrom: '2025-07-01',
    legalBasis: CIRCULAR_2025,
    title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
  },
  {
    formCode: '07',
    version: '03/2025',
    effectiveFrom: '2025-07-01',
    legalBasis: CIRCULAR_2025,
    title: 'SỔ THEO DÕI HỒ SƠ',
  },
];

/** The Vietnam calendar date of an instant (templates take effect at midnight, Vietnam time). */
const vietnamDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The template of `formCode` in force at `at`; undefined when the form did not exist then. */
export function templateInForce(formCode: FormCode, at: Date): FormTemplate | undefined {
  const day = vietnamDay(at);
  return FORM_TEMPLATES.filter((t) => t.formCode === formCode && t.effectiveFrom <= day).sort((a, b) =>
    b.effectiveFrom.localeCompare(a.effectiveFrom),
  )[0];
}
