import ExcelJS from 'exceljs';
import { TRACKING_LOG_COLUMNS, TrackingLog } from '../../src/tracking-log/tracking-log-row';
import { renderTrackingLogXlsx } from '../../src/tracking-log/tracking-log.xlsx';

const log: TrackingLog = {
  agencyCode: '000.00.12.H49',
  agencyName: 'Sở Tư pháp tỉnh Thừa Thiên Huế',
  from: '2026-11-01',
  to: '2026-11-30',
  rows: [
    {
      dossierCode: '000.00.12.H49-261127-0042',
      procedureName: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
      quantity: 1,
      applicantName: 'Nguyễn Thị Ánh Tuyết',
      applicantContact: '12 Lê Lợi, phường Phú Hội, thành phố Huế; 0912 345 678',
      leadAgencyName: 'Sở Tư pháp tỉnh Thừa Thiên Huế',
      receivedAt: new Date('2026-11-27T02:15:00Z'),
      dueAt: new Date('2026-12-07T10:00:00Z'),
      transferredAt: null,
      resultAt: null,
      returnedAt: null,
      note: '',
    },
  ],
};

describe('renderTrackingLogXlsx', () => {
  it('writes one header row, typed cells in Vietnam time and a frozen header', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderTrackingLogXlsx(log)) as never);
    const sheet = workbook.getWorksheet('Sổ theo dõi hồ sơ');
    expect(sheet).toBeDefined();
    const header = sheet!.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual(['STT', ...TRACKING_LOG_COLUMNS.map((c) => c.header)]);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = sheet!.getRow(2);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(2).value).toBe('000.00.12.H49-261127-0042');
    expect(row.getCell(4).value).toBe(1);
    expect(row.getCell(5).value).toBe('Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
    // 02:15Z is 09:15 in Vietnam, stored as a real date cell.
    expect(row.getCell(8).value).toEqual(new Date('2026-11-27T09:15:00Z'));
    expect(row.getCell(10).value).toBeNull();
    expect(sheet!.rowCount).toBe(2);
  });
});
