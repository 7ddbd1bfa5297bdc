import ExcelJS from 'exceljs';
import { csvField, toCsv } from '../../../src/reports/export/csv';
import { toXlsx } from '../../../src/reports/export/xlsx';
import { negotiateFormat } from '../../../src/reports/export/report-exporter';

describe('CSV export', () => {
  it('quotes per RFC 4180 only what needs it', () => {
    expect(csvField('Sở Tư pháp')).toBe('Sở Tư pháp');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('nói "có"')).toBe('"nói ""có"""');
    expect(csvField('hai\r\ndòng')).toBe('"hai\r\ndòng"');
    expect(csvField(0.8333)).toBe('0.8333');
    expect(csvField(null)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP), leaving numbers as numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+cmd|/C calc!A0')).toBe('"\'+cmd|/C calc!A0"');
    expect(csvField('-2+3')).toBe('"\'-2+3"');
    expect(csvField('@SUM(A1:A9)')).toBe('"\'@SUM(A1:A9)"');
    expect(csvField('\t=1')).toBe('"\'\t=1"');
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField('-12')).toBe('-12');
    expect(csvField('+84912345678')).toBe('+84912345678');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes formula-like text into XLSX as plain strings, never as formulas', async () => {
    const file = await toXlsx({
      name: 'x',
      sheetTitle: 'x',
      columns: [
        { header: 'Cơ quan', kind: 'text' },
        { header: 'Số hồ sơ', kind: 'integer' },
      ],
      rows: [
        ['=1+2', -3],
        ['@SUM(A1:A9)', 4],
      ],
      about: [['=cmd', '+1']],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe('=1+2');
    expect(sheet.getCell('A3').value).toBe('@SUM(A1:A9)');
    expect(sheet.getCell('B2').value).toBe(-3);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    const about = workbook.worksheets[1];
    expect(about.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(about.getCell('B2').type).toBe(ExcelJS.ValueType.String);
  });

  it('writes UTF-8 with a BOM and CRLF lines under Vietnamese headers', () => {
    const csv = toCsv({
      name: 'x',
      sheetTitle: 'x',
      columns: [
        { header: 'Cơ quan', kind: 'text' },
        { header: 'Tỷ lệ đúng hạn', kind: 'rate' },
      ],
      rows: [['000.00.12.H49', 0.5]],
      about: [],
    });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toBe('\uFEFFCơ quan,Tỷ lệ đúng hạn\r\n000.00.12.H49,0.5\r\n');
  });

  it('negotiates the format: ?format first, then Accept: text/csv, else JSON', () => {
    expect(negotiateFormat(undefined, 'text/csv')).toBe('csv');
    expect(negotiateFormat(undefined, 'application/json, text/csv;q=0.5')).toBe('csv');
    expect(negotiateFormat('xlsx', 'text/csv')).toBe('xlsx');
    expect(negotiateFormat(undefined, 'application/json')).toBe('json');
    expect(negotiateFormat(undefined, undefined)).toBe('json');
  });
});
