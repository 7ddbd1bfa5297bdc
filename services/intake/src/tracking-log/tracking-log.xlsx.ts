import ExcelJS from 'exceljs';
import { TRACKING_LOG_COLUMNS, TrackingLog } from './tracking-log-row';

/** Dates are shown as Vietnam dates and times; Excel has no time zone, so cells hold the UTC+7 wall time. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

function cell(value: string | number | Date | null): string | number | Date | null {
  if (value instanceof Date) return new Date(value.getTime() + VIETNAM_OFFSET_MS);
  return typeof value === 'string' ? value.normalize('NFC') : value;
}

/**
 * Form 07 as XLSX: one header row (STT then the Mẫu 06 columns), typed cells (numbers and dates stay so), the
 * header frozen. Pure: the workbook's dates come from the period, not the clock, so the same log gives the
 * same content.
 */
export async function renderTrackingLogXlsx(log: TrackingLog): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua intake';
  workbook.created = new Date(`${log.to}T00:00:00Z`);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Sổ theo dõi hồ sơ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'STT', width: 6 },
    ...TRACKING_LOG_COLUMNS.map((column) => ({
      header: column.header,
      width: column.kind === 'date' ? 18 : Math.min(Math.max(column.header.length + 2, 12), 40),
      style: column.kind === 'date' ? { numFmt: 'dd/mm/yyyy hh:mm' } : {},
    })),
  ];
  sheet.getRow(1).font = { bold: true };
  log.rows.forEach((row, i) => {
    sheet.addRow([i + 1, ...TRACKING_LOG_COLUMNS.map((column) => cell(column.value(row)))]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
