/**
 * One row of the tracking log (form 07, sổ theo dõi hồ sơ), the columns of Circular 01/2018/TT-VPCP Mẫu 06
 * (kept by Circular 03/2025 as its form 07, *unconfirmed*, DOMAIN.md §4). Dates are instants; null when the
 * step has not happened.
 */
export interface TrackingLogRow {
  dossierCode: string;
  procedureName: string;
  /** Số lượng hồ sơ: the dossiers this line stands for (1 for one dossier). */
  quantity: number;
  applicantName: string;
  /** Address and/or phone, as printed on the applicant's own record. */
  applicantContact: string;
  leadAgencyName: string;
  receivedAt: Date;
  dueAt: Date | null;
  transferredAt: Date | null;
  /** Ngày có kết quả / yêu cầu trả lại dân. */
  resultAt: Date | null;
  returnedAt: Date | null;
  note: string;
}

/** The tracking log of one agency for a period (Vietnam dates, inclusive). */
export interface TrackingLog {
  agencyCode: string;
  agencyName: string;
  from: string;
  to: string;
  rows: TrackingLogRow[];
}

export interface TrackingLogColumn {
  header: string;
  kind: 'integer' | 'text' | 'date';
  value: (row: TrackingLogRow) => string | number | Date | null;
}

/** The columns in printed order; STT is the row's position. */
export const TRACKING_LOG_COLUMNS: readonly TrackingLogColumn[] = [
  { header: 'Mã hồ sơ', kind: 'text', value: (r) => r.dossierCode },
  { header: 'Tên TTHC', kind: 'text', value: (r) => r.procedureName },
  { header: 'Số lượng hồ sơ', kind: 'integer', value: (r) => r.quantity },
  { header: 'Tên tổ chức, cá nhân', kind: 'text', value: (r) => r.applicantName },
  { header: 'Địa chỉ, số điện thoại', kind: 'text', value: (r) => r.applicantContact },
  { header: 'Cơ quan chủ trì giải quyết', kind: 'text', value: (r) => r.leadAgencyName },
  { header: 'Ngày, tháng, năm nhận hồ sơ', kind: 'date', value: (r) => r.receivedAt },
  { header: 'Ngày, tháng, năm hẹn trả kết quả', kind: 'date', value: (r) => r.dueAt },
  { header: 'Ngày, tháng, năm chuyển hồ sơ', kind: 'date', value: (r) => r.transferredAt },
  { header: 'Ngày có kết quả/yêu cầu trả lại dân', kind: 'date', value: (r) => r.resultAt },
  { header: 'Ngày, tháng, năm trả kết quả', kind: 'date', value: (r) => r.returnedAt },
  { header: 'Ghi chú', kind: 'text', value: (r) => r.note },
];
