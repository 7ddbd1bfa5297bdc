import { namedIdNumbers } from '../../src/documents/document-events';

describe('namedIdNumbers', () => {
  it('collects every 12-digit ID number anywhere in the validated data, once each', () => {
    const data = {
      child: { fullName: 'Nguyễn Minh Khang', dateOfBirth: '2026-11-20' },
      declarant: { fullName: 'Nguyễn Văn An', idNumber: '001090000001', relationship: 'Cha' },
      witnesses: [{ idNumber: '001085000002' }, { idNumber: '001090000001' }],
      phone: '0912345678',
      certificateNumber: '0010900000011',
    };
    expect(namedIdNumbers(data).sort()).toEqual(['001085000002', '001090000001']);
  });

  it('finds nothing in a scan without data', () => {
    expect(namedIdNumbers(null)).toEqual([]);
  });
});
