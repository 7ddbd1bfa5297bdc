import { resolutionOf } from '../../src/facts/dossier-fact.projection';

describe('resolution of a resolved dossier', () => {
  const due = '2026-02-05T10:00:00.000Z'; // Thu 5 Feb 17:00 Vietnam time

  it('is early when resolved on a Vietnam date before the deadline date', () => {
    expect(resolutionOf({ at: '2026-02-04T16:59:00.000Z', dueAt: due, late: false })).toBe('EARLY');
  });

  it('is on time on the deadline date, even just after Vietnam midnight', () => {
    expect(resolutionOf({ at: '2026-02-04T17:00:00.000Z', dueAt: due, late: false })).toBe('ON_TIME');
    expect(resolutionOf({ at: due, dueAt: due, late: false })).toBe('ON_TIME');
  });

  it('is late when intake says so (past the deadline, apologised or asked twice for a supplement)', () => {
    expect(resolutionOf({ at: '2026-02-03T03:00:00.000Z', dueAt: due, late: true })).toBe('LATE');
    expect(resolutionOf({ at: '2026-02-03T03:00:00.000Z', dueAt: null, late: false })).toBe('LATE');
  });
});
