import fc from 'fast-check';
import { DEFAULT_OFFICE_HOURS, WorkingCalendar } from '@motcua/calendar';
import { DOSSIER_ACTIONS, DOSSIER_STATUSES, DossierAction } from '@motcua/contracts';
import {
  allowedActions,
  applyAction,
  elapsedWorkingMinutes,
  initialState,
  isOverdue,
  WorkflowContext,
  WorkflowError,
  WorkflowState,
} from '../../../src/dossiers/workflow/dossier-workflow';

const calendar = new WorkingCalendar();
const days = (value: number): WorkflowContext => ({
  calendar,
  officeHours: DEFAULT_OFFICE_HOURS,
  limit: { value, unit: 'WORKING_DAYS' },
});
const vn = (local: string) => new Date(`${local}+07:00`);

function run(
  state: WorkflowState,
  context: WorkflowContext,
  ...steps: Array<[DossierAction, string, Partial<{ reason: string; newDueAt: Date }>?]>
) {
  return steps.reduce(
    (current, [action, at, extra]) =>
      applyAction(current, { action, at: vn(at), reason: 'lý do', ...extra }, context).state,
    state,
  );
}

describe('dossier workflow', () => {
  it('starts the clock at once for desk intake, due at the close of the N-th working day after receipt', () => {
    const state = initialState('DIRECT', vn('2026-03-02T09:00:00'), days(5));
    expect(state.status).toBe('RECEIVED');
    expect(state.dueAt).toEqual(vn('2026-03-09T17:00:00'));
  });

  it('starts an online dossier without a deadline, then runs it from acceptance', () => {
    const submitted = initialState('ONLINE', vn('2026-03-02T09:00:00'), days(5));
    expect(submitted).toMatchObject({ status: 'SUBMITTED', dueAt: null, clock: [] });
    const accepted = run(submitted, days(5), ['ACCEPT', '2026-03-03T10:00:00']);
    expect(accepted.status).toBe('RECEIVED');
    expect(accepted.dueAt).toEqual(vn('2026-03-10T17:00:00'));
  });

  it('counts deadlines across Tết 2026 (14-22 February off)', () => {
    const state = initialState('DIRECT', vn('2026-02-12T10:00:00'), days(3));
    // Fri 13 Feb is day 1; Tết runs to Sun 22 Feb; Mon 23 and Tue 24 are days 2 and 3.
    expect(state.dueAt).toEqual(vn('2026-02-24T17:00:00'));
  });

  it('pauses the clock for a supplement and moves the deadline by the working time it stood still', () => {
    let state = initialState('DIRECT', vn('2026-03-02T09:00:00'), days(5));
    state = run(
      state,
      days(5),
      ['START_PROCESSING', '2026-03-02T10:00:00'],
      ['REQUEST_SUPPLEMENT', '2026-03-03T09:00:00'],
    );
    expect(state.status).toBe('SUPPLEMENT_REQUESTED');
    expect(state.clock).toEqual([
      { startedAt: vn('2026-03-02T09:00:00'), endedAt: vn('2026-03-03T09:00:00') },
    ]);
    // Paused Tue 09:00 → Thu 09:00: two working days (960 working minutes).
    state = run(state, days(5), ['RECEIVE_SUPPLEMENT', '2026-03-05T09:00:00']);
    expect(state.status).toBe('PROCESSING');
    expect(state.dueAt).toEqual(vn('2026-03-11T17:00:00'));
    expect(elapsedWorkingMinutes(state.clock, vn('2026-03-05T10:00:00'), days(5))).toBe(8 * 60 + 60); // Mon 09:00→Tue 09:00 is one working day, then Thu 09:00→10:00
    expect(state.lateByRule).toBe(false);
  });

  it('marks a dossier late when a second supplement is requested', () => {
    const state = run(
      initialState('DIRECT', vn('2026-03-02T09:00:00'), days(5)),
      days(5),
      ['REQUEST_SUPPLEMENT', '2026-03-02T10:00:00'],
      ['RECEIVE_SUPPLEMENT', '2026-03-02T11:00:00'],
      ['REQUEST_SUPPLEMENT', '2026-03-02T14:00:00'],
    );
    expect(state.supplementRequests).toBe(2);
    expect(state.lateByRule).toBe(true);
  });

  it('lets the agency apologise once, at least a working day before the deadline, moving the appointment', () => {
    const received = run(initialState('DIRECT', vn('2026-03-02T09:00:00'), days(5)), days(5), [
      'START_PROCESSING',
      '2026-03-02T10:00:00',
    ]);
    const newDueAt = vn('2026-03-13T17:00:00');
    const apologised = run(received, days(5), ['APOLOGIZE', '2026-03-06T16:00:00', { newDueAt }]);
    expect(apologised).toMatchObject({ dueAt: newDueAt, apologized: true, lateByRule: true });
    expect(() =>
      run(apologised, days(5), ['APOLOGIZE', '2026-03-07T09:00:00', { newDueAt: vn('2026-03-20T17:00:00') }]),
    ).toThrow(expect.objectContaining({ code: 'ALREADY_APOLOGIZED' }));
    // Due Mon 9 March: the last day to apologise is Fri 6 March.
    expect(() => run(received, days(5), ['APOLOGIZE', '2026-03-09T08:00:00', { newDueAt }])).toThrow(
      expect.objectContaining({ code: 'APOLOGY_TOO_LATE' }),
    );
    expect(() =>
      run(received, days(5), ['APOLOGIZE', '2026-03-04T08:00:00', { newDueAt: vn('2026-03-08T17:00:00') }]),
    ).toThrow(expect.objectContaining({ code: 'NEW_DUE_NOT_LATER' }));
  });

  it('judges each hand-off early, on time or late against the deadline in force', () => {
    const state = initialState('DIRECT', vn('2026-03-02T09:00:00'), days(1)); // due Tue 3 March 17:00
    const at = (local: string) =>
      applyAction(state, { action: 'START_PROCESSING', at: vn(local) }, days(1)).onTimeState;
    expect(at('2026-03-02T15:00:00')).toBe('EARLY');
    expect(at('2026-03-03T16:59:00')).toBe('ON_TIME');
    expect(at('2026-03-03T17:01:00')).toBe('LATE');
  });

  it('refuses an action the status does not allow, listing the allowed ones', () => {
    const state = initialState('ONLINE', vn('2026-03-02T09:00:00'), days(5));
    try {
      applyAction(state, { action: 'RESOLVE', at: vn('2026-03-02T10:00:00') }, days(5));
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(WorkflowError);
      expect((error as WorkflowError).allowedActions.sort()).toEqual([
        'ACCEPT',
        'REJECT',
        'REQUEST_SUPPLEMENT',
        'WITHDRAW',
      ]);
    }
    expect(() => applyAction(state, { action: 'REJECT', at: vn('2026-03-02T10:00:00') }, days(5))).toThrow(
      expect.objectContaining({ code: 'REASON_REQUIRED' }),
    );
  });

  it('derives overdue: past the deadline while being worked on, not while waiting for the applicant', () => {
    const state = initialState('DIRECT', vn('2026-03-02T09:00:00'), days(1));
    expect(isOverdue(state, vn('2026-03-03T16:00:00'))).toBe(false);
    expect(isOverdue(state, vn('2026-03-04T08:00:00'))).toBe(true);
    const waiting = run(state, days(1), ['REQUEST_SUPPLEMENT', '2026-03-02T10:00:00']);
    expect(isOverdue(waiting, vn('2026-03-10T08:00:00'))).toBe(false);
  });

  it('final statuses allow nothing, and only RESOLVED leads to RETURNED', () => {
    for (const status of ['RETURNED', 'REJECTED', 'WITHDRAWN', 'STOPPED'] as const)
      expect(allowedActions(status)).toEqual([]);
    expect(allowedActions('RESOLVED')).toEqual(['RETURN_RESULT']);
  });

  it('property: any sequence of actions keeps the clock consistent and the elapsed time within the wall time', () => {
    const start = vn('2026-03-02T08:00:00');
    fc.assert(
      fc.property(
        fc.constantFrom<'DIRECT' | 'ONLINE'>('DIRECT', 'ONLINE'),
        fc.array(fc.tuple(fc.constantFrom(...DOSSIER_ACTIONS), fc.integer({ min: 1, max: 3 * 24 * 60 })), {
          maxLength: 12,
        }),
        (channel, steps) => {
          let state = initialState(channel, start, days(5));
          let now = start;
          for (const [action, minutes] of steps) {
            now = new Date(now.getTime() + minutes * 60_000);
            const before = state;
            try {
              state = applyAction(
                state,
                {
                  action,
                  at: now,
                  reason: 'r',
                  newDueAt: action === 'APOLOGIZE' ? new Date(now.getTime() + 30 * 86_400_000) : undefined,
                },
                days(5),
              ).state;
            } catch (error) {
              expect(error).toBeInstanceOf(WorkflowError);
              expect(state).toBe(before);
              continue;
            }
            expect(DOSSIER_STATUSES).toContain(state.status);
            // At most one open segment, and only the last; segments do not overlap.
            expect(state.clock.filter((s) => s.endedAt === null).length).toBeLessThanOrEqual(1);
            state.clock.forEach((s, i) => {
              if (s.endedAt) expect(s.endedAt.getTime()).toBeGreaterThanOrEqual(s.startedAt.getTime());
              if (i > 0)
                expect(s.startedAt.getTime()).toBeGreaterThanOrEqual(state.clock[i - 1].endedAt!.getTime());
            });
            const elapsed = elapsedWorkingMinutes(state.clock, now, days(5));
            expect(elapsed).toBeLessThanOrEqual((now.getTime() - start.getTime()) / 60_000);
            if (state.supplementRequests > 1 || state.apologized) expect(state.lateByRule).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
