// Yearly official notices on holidays for civil servants (công chức, viên chức), as data.
// How rows combine with the computed baseline: see ../overrides.ts. How to add a year: README.md.
//
// Sources: the Government Office (VPCP) letters conveying the Prime Minister's decision, which the
// labour ministry (MOLISA until 02/2025, the Ministry of Home Affairs since) then announces.
// Checked against press reports of those letters, not against the letters' own text.
// `confirmed: false` marks rows resting on a single report.

import type { HolidayOverride } from '../overrides';

const VPCP_2024_TET_NATIONAL_DAY =
  'Văn bản 8662/VPCP-KGVX ngày 03/11/2023 (Thủ tướng đồng ý nghỉ Tết Âm lịch và Quốc khánh năm 2024)';
const VPCP_2024_APRIL_SWAP =
  'Văn bản 2450/VPCP-KGVX ngày 12/04/2024 (Thủ tướng đồng ý hoán đổi ngày làm việc dịp 30/4 và 1/5/2024)';
const VPCP_2025 =
  'Văn bản 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng chỉ đạo về nghỉ Tết Âm lịch và một số dịp nghỉ lễ năm 2025)';
const VPCP_2026_NEW_YEAR =
  'Văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Phó Thủ tướng đồng ý nghỉ Tết Dương lịch năm 2026)';
const VPCP_2026_TET_NATIONAL_DAY =
  'Văn bản của Văn phòng Chính phủ tháng 10/2025 truyền đạt ý kiến Thủ tướng về nghỉ Tết Âm lịch và Quốc khánh năm 2026 (số hiệu chưa xác minh)';

export const BUILT_IN_HOLIDAY_OVERRIDES: readonly HolidayOverride[] = [
  // 2024 — Tết Giáp Thìn: 29 tháng Chạp to mùng 5 tháng Giêng.
  {
    from: '2024-02-08',
    to: '2024-02-14',
    type: 'HOLIDAY',
    holiday: 'TET',
    source: VPCP_2024_TET_NATIONAL_DAY,
    effectiveFrom: '2023-11-03',
    confirmed: true,
  },
  // 2024 — 30/4 (Tue) and 1/5 (Wed): Monday 29/4 off, made up on Saturday 4/5.
  {
    from: '2024-04-29',
    type: 'HOLIDAY',
    name: {
      vi: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/05/2024)',
      en: 'Swapped day off for 30 April–1 May (made up on Saturday 2024-05-04)',
    },
    source: VPCP_2024_APRIL_SWAP,
    effectiveFrom: '2024-04-12',
    confirmed: true,
  },
  {
    from: '2024-05-04',
    type: 'WORKDAY',
    name: {
      vi: 'Làm bù cho ngày nghỉ hoán đổi 29/04/2024',
      en: 'Make-up working day for the swapped day off of 2024-04-29',
    },
    source: VPCP_2024_APRIL_SWAP,
    effectiveFrom: '2024-04-12',
    confirmed: true,
  },
  // 2024 — National Day: 2/9 (Mon) and 3/9 (Tue).
  {
    from: '2024-09-02',
    to: '2024-09-03',
    type: 'HOLIDAY',
    holiday: 'NATIONAL_DAY',
    source: VPCP_2024_TET_NATIONAL_DAY,
    effectiveFrom: '2023-11-03',
    confirmed: true,
  },

  // 2025 — Tết Ất Tỵ: 26 tháng Chạp to mùng 5 tháng Giêng (9 days, 5 of them weekdays).
  {
    from: '2025-01-25',
    to: '2025-02-02',
    type: 'HOLIDAY',
    holiday: 'TET',
    source: VPCP_2025,
    effectiveFrom: '2024-11-26',
    confirmed: true,
  },
  // 2025 — 30/4 (Wed) and 1/5 (Thu): Friday 2/5 off, made up on Saturday 26/4.
  {
    from: '2025-05-02',
    type: 'HOLIDAY',
    name: {
      vi: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)',
      en: 'Swapped day off for 30 April–1 May (made up on Saturday 2025-04-26)',
    },
    source: VPCP_2025,
    effectiveFrom: '2024-11-26',
    confirmed: true,
  },
  {
    from: '2025-04-26',
    type: 'WORKDAY',
    name: {
      vi: 'Làm bù cho ngày nghỉ hoán đổi 02/05/2025',
      en: 'Make-up working day for the swapped day off of 2025-05-02',
    },
    source: VPCP_2025,
    effectiveFrom: '2024-11-26',
    confirmed: true,
  },
  // 2025 — National Day: 1/9 (Mon) and 2/9 (Tue).
  {
    from: '2025-09-01',
    to: '2025-09-02',
    type: 'HOLIDAY',
    holiday: 'NATIONAL_DAY',
    source: VPCP_2025,
    effectiveFrom: '2024-11-26',
    confirmed: true,
  },

  // 2026 — New Year: 1/1 (Thu); Friday 2/1 off, made up on Saturday 10/1.
  {
    from: '2026-01-02',
    type: 'HOLIDAY',
    name: {
      vi: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)',
      en: "Swapped day off for New Year's Day (made up on Saturday 2026-01-10)",
    },
    source: VPCP_2026_NEW_YEAR,
    effectiveFrom: '2025-12-25',
    confirmed: true,
  },
  {
    from: '2026-01-10',
    type: 'WORKDAY',
    name: {
      vi: 'Làm bù cho ngày nghỉ hoán đổi 02/01/2026',
      en: 'Make-up working day for the swapped day off of 2026-01-02',
    },
    source: VPCP_2026_NEW_YEAR,
    effectiveFrom: '2025-12-25',
    confirmed: true,
  },
  // 2026 — Tết Bính Ngọ: 27 tháng Chạp to mùng 6 tháng Giêng (9 days, 5 of them weekdays).
  // effectiveFrom is the date of the press reports; the letter may be a few days older.
  {
    from: '2026-02-14',
    to: '2026-02-22',
    type: 'HOLIDAY',
    holiday: 'TET',
    source: VPCP_2026_TET_NATIONAL_DAY,
    effectiveFrom: '2025-10-13',
    confirmed: true,
  },
  // 2026 — National Day: 1/9 (Tue) and 2/9 (Wed); Monday 31/8 off, made up on Saturday 22/8.
  {
    from: '2026-09-01',
    to: '2026-09-02',
    type: 'HOLIDAY',
    holiday: 'NATIONAL_DAY',
    source: VPCP_2026_TET_NATIONAL_DAY,
    effectiveFrom: '2025-10-13',
    confirmed: false,
  },
  {
    from: '2026-08-31',
    type: 'HOLIDAY',
    name: {
      vi: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026)',
      en: 'Swapped day off for National Day (made up on Saturday 2026-08-22)',
    },
    source: VPCP_2026_TET_NATIONAL_DAY,
    effectiveFrom: '2025-10-13',
    confirmed: false,
  },
  {
    from: '2026-08-22',
    type: 'WORKDAY',
    name: {
      vi: 'Làm bù cho ngày nghỉ hoán đổi 31/08/2026',
      en: 'Make-up working day for the swapped day off of 2026-08-31',
    },
    source: VPCP_2026_TET_NATIONAL_DAY,
    effectiveFrom: '2025-10-13',
    confirmed: false,
  },
];
