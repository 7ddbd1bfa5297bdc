import { confirmationRow } from '../../src/reports/online-confirmation-report.service';

describe('the online confirmation row', () => {
  const counts = {
    key: '000.00.12.H49',
    on_time: 3,
    late: 1,
    pending: 2,
    withdrawn_unanswered: 1,
    unreported: 4,
  };

  it('shares on time over the judged rounds only: pending, withdrawn unanswered and unreported are left out', () => {
    expect(confirmationRow(counts)).toEqual({
      key: '000.00.12.H49',
      received: 11,
      onTime: 3,
      late: 1,
      pending: 2,
      withdrawnUnanswered: 1,
      unreported: 4,
      judged: 4,
      onTimeShare: 0.75,
    });
  });

  it('has no share when nothing was judged, rather than 0 or 1', () => {
    const row = confirmationRow({ ...counts, on_time: 0, late: 0 });
    expect(row.judged).toBe(0);
    expect(row.onTimeShare).toBeNull();
    expect(row.received).toBe(7);
  });

  it('rounds the share to four decimals', () => {
    expect(confirmationRow({ ...counts, on_time: 2, late: 1 }).onTimeShare).toBe(0.6667);
    expect(confirmationRow({ ...counts, on_time: 0, late: 5 }).onTimeShare).toBe(0);
  });
});
