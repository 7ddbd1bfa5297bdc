import { csvField, toCsv } from './csv';
import { negotiateFormat } from './report-exporter';

describe('CSV export', () => {
  it('quotes per RFC 4180 only what needs it', () => {
    expect(csvField('Sở Tư pháp')).toBe('Sở Tư pháp');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('nói "có"')).toBe('"nói ""có"""');
    expect(csvField('hai\r\ndòng')).toBe('"hai\r\ndòng"');
    expect(csvField(0.8333)).toBe('0.8333');
    expect(csvField(null)).toBe('');
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
