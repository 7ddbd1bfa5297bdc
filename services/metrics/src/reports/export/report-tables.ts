import { IndicatorsReport } from '../indicators-report.service';
import { DigitizationReport, DigitizationRow } from '../digitization-report.service';
import { OnlineConfirmationReport, OnlineConfirmationRow } from '../online-confirmation-report.service';
import { OverdueReport } from '../overdue-report.service';
import { SlaReport, SlaRow } from '../sla-report.service';
import { Cell, ReportTable, TableColumn } from './report-table';

/** Vietnamese headers and labels of the file exports. */
const GROUP_HEADER = { agency: 'Cơ quan', procedure: 'Thủ tục hành chính', month: 'Tháng' } as const;

function about(report: {
  from: string;
  to: string;
  agencyCode: string;
  procedureCode: string | null;
  asOf: string;
}): [string, string][] {
  return [
    ['Từ ngày', report.from],
    ['Đến ngày', report.to],
    ['Cơ quan (gồm đơn vị trực thuộc)', report.agencyCode === '*' ? 'Toàn quốc' : report.agencyCode],
    ['Thủ tục hành chính', report.procedureCode ?? 'Tất cả'],
    ['Thời điểm đánh giá', report.asOf],
  ];
}

const col = (header: string, kind: TableColumn['kind']): TableColumn => ({ header, kind });

export function slaTable(report: SlaReport): ReportTable {
  const columns = [
    col(GROUP_HEADER[report.groupBy], 'text'),
    col('Tổng số hồ sơ tiếp nhận', 'integer'),
    col('Kỳ trước chuyển sang', 'integer'),
    col('Tiếp nhận mới trực tuyến', 'integer'),
    col('Tiếp nhận mới trực tiếp, bưu chính', 'integer'),
    col('Đã giải quyết', 'integer'),
    col('Giải quyết trước hạn', 'integer'),
    col('Giải quyết đúng hạn', 'integer'),
    col('Giải quyết quá hạn', 'integer'),
    col('Từ chối', 'integer'),
    col('Rút hồ sơ', 'integer'),
    col('Dừng xử lý', 'integer'),
    col('Đang giải quyết', 'integer'),
    col('Đang giải quyết trong hạn', 'integer'),
    col('Đang giải quyết quá hạn', 'integer'),
    col('Tỷ lệ đúng hạn', 'rate'),
    col('Thời gian giải quyết trung bình (ngày làm việc)', 'decimal'),
  ];
  const line = (row: SlaRow, key: string): Cell[] => [
    key,
    row.received.total,
    row.received.carriedOver,
    row.received.online,
    row.received.directOrPostal,
    row.resolved.total,
    row.resolved.early,
    row.resolved.onTime,
    row.resolved.late,
    row.notResolved.refused,
    row.notResolved.withdrawn,
    row.notResolved.stopped,
    row.inProgress.total,
    row.inProgress.withinDeadline,
    row.inProgress.overdue,
    row.onTimeRate,
    row.avgProcessingDays,
  ];
  return {
    name: `bao-cao-tien-do-${report.from}-${report.to}`,
    sheetTitle: 'Tình hình giải quyết',
    columns,
    rows: [...report.rows.map((r) => line(r, r.key)), line(report.total, 'Tổng cộng')],
    about: about(report),
  };
}

export function digitizationTable(report: DigitizationReport): ReportTable {
  const columns = [
    col(GROUP_HEADER[report.groupBy], 'text'),
    col('Hồ sơ tiếp nhận', 'integer'),
    col('Hồ sơ có thành phần được số hóa', 'integer'),
    col('Hồ sơ đã giải quyết', 'integer'),
    col('Hồ sơ có kết quả điện tử', 'integer'),
    col('Tỷ lệ cấp kết quả điện tử', 'rate'),
    col('Hồ sơ số hóa và có kết quả điện tử', 'integer'),
    col('Tỷ lệ số hóa hồ sơ', 'rate'),
    col('Hồ sơ tái sử dụng dữ liệu số hóa', 'integer'),
    col('Tỷ lệ tái sử dụng', 'rate'),
    col('Tài liệu giấy được quét', 'integer'),
    col('Tài liệu chỉ quét (không trích xuất dữ liệu)', 'integer'),
    col('Tỷ lệ chỉ quét', 'rate'),
    col('Tài liệu đã kiểm tra chữ ký số', 'integer'),
    col('Tài liệu có chữ ký số hợp lệ', 'integer'),
    col('Tỷ lệ chữ ký số hợp lệ', 'rate'),
    col('Người nộp khớp CSDLQG về dân cư', 'integer'),
    col('Người nộp không khớp CSDLQG về dân cư', 'integer'),
    col('Không xác thực được với CSDLQG về dân cư', 'integer'),
  ];
  const line = (r: DigitizationRow, key: string): Cell[] => [
    key,
    r.received,
    r.withDigitizedComponents,
    r.resolved,
    r.withElectronicResult,
    r.electronicResultRate,
    r.digitizedWithElectronicResult,
    r.digitizationRate,
    r.withReusedComponents,
    r.reuseRate,
    r.scannedDocuments,
    r.scanOnlyDocuments,
    r.scanOnlyShare,
    r.verifiedDocuments,
    r.validSignatureDocuments,
    r.validSignatureRate,
    r.applicantsMatched,
    r.applicantsMismatched,
    r.applicantChecksFailed,
  ];
  return {
    name: `bao-cao-so-hoa-${report.from}-${report.to}`,
    sheetTitle: 'Số hóa hồ sơ',
    columns,
    rows: [...report.rows.map((r) => line(r, r.key)), line(report.total, 'Tổng cộng')],
    about: about(report),
  };
}

export function onlineConfirmationTable(report: OnlineConfirmationReport): ReportTable {
  const columns = [
    col(GROUP_HEADER[report.groupBy], 'text'),
    col('Hồ sơ trực tuyến tiếp nhận', 'integer'),
    col('Xác nhận trong 8 giờ làm việc', 'integer'),
    col('Xác nhận quá 8 giờ làm việc', 'integer'),
    col('Đang chờ xác nhận (trong hạn)', 'integer'),
    col('Rút trước khi được xác nhận', 'integer'),
    col('Chưa có thông tin xác nhận', 'integer'),
    col('Hồ sơ được đánh giá (đúng hạn + quá hạn)', 'integer'),
    col('Tỷ lệ xác nhận đúng hạn', 'rate'),
  ];
  const line = (r: OnlineConfirmationRow, key: string): Cell[] => [
    key,
    r.received,
    r.onTime,
    r.late,
    r.pending,
    r.withdrawnUnanswered,
    r.unreported,
    r.judged,
    r.onTimeShare,
  ];
  return {
    name: `bao-cao-xac-nhan-truc-tuyen-${report.from}-${report.to}`,
    sheetTitle: 'Xác nhận hồ sơ trực tuyến',
    columns,
    rows: [...report.rows.map((r) => line(r, r.key)), line(report.total, 'Tổng cộng')],
    about: about(report),
  };
}

const REASON_VI = {
  PAST_DUE: 'Quá hạn giải quyết',
  APOLOGIZED: 'Đã xin lỗi, hẹn lại',
  REPEATED_SUPPLEMENT: 'Yêu cầu bổ sung nhiều lần',
} as const;

export function overdueTable(report: OverdueReport): ReportTable {
  return {
    name: `ho-so-qua-han-${report.to}`,
    sheetTitle: 'Hồ sơ quá hạn',
    columns: [
      col('Mã hồ sơ', 'text'),
      col('Cơ quan', 'text'),
      col('Thủ tục hành chính', 'text'),
      col('Kênh tiếp nhận', 'text'),
      col('Trạng thái', 'text'),
      col('Ngày tiếp nhận', 'datetime'),
      col('Hạn giải quyết', 'datetime'),
      col('Số ngày làm việc quá hạn', 'decimal'),
      col('Lý do', 'text'),
    ],
    rows: report.rows.map((r) => [
      r.code,
      r.agencyCode,
      r.procedureCode,
      r.channel,
      r.status,
      r.receivedAt,
      r.dueAt,
      r.overdueWorkingDays,
      r.reasons.map((reason) => REASON_VI[reason]).join('; '),
    ]),
    about: [...about(report), ['Số hồ sơ quá hạn', String(report.total)]],
  };
}

export function indicatorsTable(report: IndicatorsReport): ReportTable {
  return {
    name: `chi-so-766-${report.from}-${report.to}`,
    sheetTitle: 'Chỉ số QĐ 766',
    columns: [
      col('Mã chỉ số', 'text'),
      col('Chỉ số', 'text'),
      col('Điểm tối đa', 'decimal'),
      col('Ngưỡng đạt điểm tối đa', 'rate'),
      col('Tỷ lệ', 'rate'),
      col('Điểm', 'decimal'),
    ],
    rows: [
      ...report.indicators.map((i): Cell[] => [i.id, i.nameVi, i.maxPoints, i.threshold, i.rate, i.points]),
      ['TOTAL', 'Tổng điểm (các chỉ số đo được)', report.maxPointsMeasured, null, null, report.points],
    ],
    about: [
      ...about(report),
      ['Phiên bản công thức', report.formula.version],
      ['Hiệu lực từ', report.formula.effectiveFrom],
      ['Căn cứ', report.formula.source],
    ],
  };
}
