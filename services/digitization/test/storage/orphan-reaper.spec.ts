import { sweepPlan } from '../../src/storage/orphan-reaper';

const HOUR = 3600_000;

describe('sweepPlan', () => {
  it('sweeps the last week on a first run and leaves a checkpoint before the grace period', () => {
    const plan = sweepPlan(undefined, new Date('2026-11-27T10:00:00Z'), HOUR);
    expect(plan.days).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(plan.cutoff).toEqual(new Date('2026-11-27T09:00:00Z'));
    expect(plan.checkpoint).toBe('2026-11-26');
  });

  it('continues from its checkpoint through today, across a month end', () => {
    const plan = sweepPlan('2026-11-29', new Date('2026-12-01T12:00:00Z'), HOUR);
    expect(plan.days).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(plan.checkpoint).toBe('2026-11-30');
  });

  it('does not call yesterday complete while an upload begun before midnight may still be in the grace period', () => {
    const plan = sweepPlan('2026-11-25', new Date('2026-11-27T00:30:00Z'), HOUR);
    // cutoff 2026-11-26T23:30: uploads of the 26th may still commit, so only the 25th is complete.
    expect(plan.checkpoint).toBe('2026-11-25');
  });

  it('never moves the checkpoint back', () => {
    expect(sweepPlan('2026-11-27', new Date('2026-11-27T10:00:00Z'), 48 * HOUR).checkpoint).toBe(
      '2026-11-27',
    );
  });
});
