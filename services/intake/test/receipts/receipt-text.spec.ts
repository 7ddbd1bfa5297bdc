import {
  formatVietnamDate,
  formatVietnamDateTime,
  formatVnd,
  vietnamDateTimeParts,
} from '../../src/receipts/receipt-text';

describe('receipt wording', () => {
  it('writes fees in đồng with dots between thousands', () => {
    expect(formatVnd(135_000)).toBe('135.000 đồng');
    expect(formatVnd(0)).toBe('0 đồng');
    expect(formatVnd(999)).toBe('999 đồng');
    expect(formatVnd(1_000)).toBe('1.000 đồng');
    expect(formatVnd(1_250_000)).toBe('1.250.000 đồng');
    expect(() => formatVnd(-1)).toThrow(RangeError);
    expect(() => formatVnd(12.5)).toThrow(RangeError);
  });

  it('shows instants in Vietnam time (UTC+7)', () => {
    expect(vietnamDateTimeParts('2026-11-27T16:59:00Z')).toEqual({
      year: 2026,
      month: 11,
      day: 27,
      hour: 23,
      minute: 59,
    });
    expect(vietnamDateTimeParts('2026-11-27T17:00:00Z')).toMatchObject({ day: 28, hour: 0 });
    expect(() => vietnamDateTimeParts('not a time')).toThrow(RangeError);
  });

  it('writes dates the administrative way: leading zero for days below 10 and for January and February', () => {
    expect(formatVietnamDate('2026-11-27T03:00:00Z')).toBe('ngày 27 tháng 11 năm 2026');
    expect(formatVietnamDate('2026-02-05T03:00:00Z')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatVietnamDate('2026-03-09T03:00:00Z')).toBe('ngày 09 tháng 3 năm 2026');
    expect(formatVietnamDate('2025-12-31T17:30:00Z')).toBe('ngày 01 tháng 01 năm 2026');
  });

  it('writes a time as hours and minutes, then the date', () => {
    expect(formatVietnamDateTime('2026-11-27T07:05:00Z')).toBe('14 giờ 05 phút, ngày 27 tháng 11 năm 2026');
  });
});
