import ExcelJS from 'exceljs';
import { CellKind, ReportTable } from './report-table';

const NUMBER_FORMAT: Partial<Record<CellKind, string>> = {
  integer: '#,##0',
  rate: '0.00%',
  decimal: '#,##0.00',
};

/** One sheet with the header row and typed cells (numbers stay numbers), and a second sheet describing the report. */
export async function toXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua metrics';
  const sheet = workbook.addWorksheet(table.sheetTitle.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: Math.min(Math.max(column.header.length + 2, 12), 40),
    style: NUMBER_FORMAT[column.kind] ? { numFmt: NUMBER_FORMAT[column.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      row.map((cell, i) => (table.columns[i].kind === 'datetime' && cell ? new Date(cell) : cell)),
    );
  }
  const about = workbook.addWorksheet('Thông tin báo cáo');
  about.columns = [
    { header: 'Mục', width: 30 },
    { header: 'Giá trị', width: 60 },
  ];
  about.getRow(1).font = { bold: true };
  for (const pair of table.about) about.addRow(pair);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
