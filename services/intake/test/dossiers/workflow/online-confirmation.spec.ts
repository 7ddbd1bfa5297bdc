import { DEFAULT_OFFICE_HOURS, WorkingCalendar } from '@motcua/calendar';
import type { DossierAction, DossierStatus } from '@motcua/contracts';
import {
  confirmationAfter,
  confirmationOutcome,
  ConfirmationState,
  ONLINE_CONFIRMATION_WORKING_HOURS,
} from '../../../src/dossiers/workflow/online-confirmation';

const calendar = new WorkingCalendar();
const vn = (local: string) => new Date(`${local}+07:00`);
const nextRound = (arrival: Date) =>
  calendar.dueForWorkingHours(arrival, ONLINE_CONFIRMATION_WORKING_HOURS, DEFAULT_OFFICE_HOURS);
// Received Mon 2 March 2026 09:00: 8 working hours end Tue 3 March 09:00.
const received = vn('2026-03-02T09:00:00');
const open: ConfirmationState = { dueAt: nextRound(received), confirmedAt: null, late: false };

function step(
  state: ConfirmationState,
  action: DossierAction,
  from: DossierStatus,
  to: DossierStatus,
  at: string,
) {
  return confirmationAfter(state, { action, fromStatus: from, toStatus: to, at: vn(at) }, nextRound);
}

describe('the 8-working-hour confirmation of online dossiers', () => {
  it('gives 8 working hours from arrival, office hours only', () => {
    expect(open.dueAt).toEqual(vn('2026-03-03T09:00:00'));
  });

  it.each<[DossierAction, DossierStatus]>([
    ['ACCEPT', 'RECEIVED'],
    ['REJECT', 'REJECTED'],
    ['REQUEST_SUPPLEMENT', 'SUPPLEMENT_REQUESTED'],
  ])('%s answers the dossier: in time before the limit, late after it', (action, to) => {
    const inTime = step(open, action, 'SUBMITTED', to, '2026-03-03T08:59:00');
    expect(inTime).toEqual({ dueAt: open.dueAt, confirmedAt: vn('2026-03-03T08:59:00'), late: false });
    expect(confirmationOutcome(inTime, to, vn('2026-03-20T10:00:00'))).toBe('ON_TIME');
    const late = step(open, action, 'SUBMITTED', to, '2026-03-03T09:01:00');
    expect(late.late).toBe(true);
    expect(confirmationOutcome(late, to, vn('2026-03-20T10:00:00'))).toBe('LATE');
  });

  it('is pending while open and in time, late once the limit passed unanswered', () => {
    expect(confirmationOutcome(open, 'SUBMITTED', vn('2026-03-03T08:00:00'))).toBe('PENDING');
    expect(confirmationOutcome(open, 'SUBMITTED', vn('2026-03-03T09:30:00'))).toBe('LATE');
  });

  it('starts a new round when a supplement brings the dossier back to SUBMITTED', () => {
    const asked = step(
      open,
      'REQUEST_SUPPLEMENT',
      'SUBMITTED',
      'SUPPLEMENT_REQUESTED',
      '2026-03-02T10:00:00',
    );
    // Supplement arrives Fri 6 March 16:00: 1 hour that day, 4 + 3 on Monday 9 March (lunch off) → 16:00.
    const back = step(
      asked,
      'RECEIVE_SUPPLEMENT',
      'SUPPLEMENT_REQUESTED',
      'SUBMITTED',
      '2026-03-06T16:00:00',
    );
    expect(back).toEqual({ dueAt: vn('2026-03-09T16:00:00'), confirmedAt: null, late: false });
    // Long past the first round's limit, but within the new one: not overdue.
    expect(confirmationOutcome(back, 'SUBMITTED', vn('2026-03-09T15:30:00'))).toBe('PENDING');
    expect(confirmationOutcome(back, 'SUBMITTED', vn('2026-03-09T16:30:00'))).toBe('LATE');
    const accepted = step(back, 'ACCEPT', 'SUBMITTED', 'RECEIVED', '2026-03-09T15:45:00');
    expect(confirmationOutcome(accepted, 'RECEIVED', vn('2026-03-20T10:00:00'))).toBe('ON_TIME');
  });

  it('keeps a missed round late after a later round is answered in time', () => {
    const asked = step(
      open,
      'REQUEST_SUPPLEMENT',
      'SUBMITTED',
      'SUPPLEMENT_REQUESTED',
      '2026-03-04T10:00:00',
    );
    const back = step(
      asked,
      'RECEIVE_SUPPLEMENT',
      'SUPPLEMENT_REQUESTED',
      'SUBMITTED',
      '2026-03-05T09:00:00',
    );
    const accepted = step(back, 'ACCEPT', 'SUBMITTED', 'RECEIVED', '2026-03-05T10:00:00');
    expect(confirmationOutcome(accepted, 'RECEIVED', vn('2026-03-20T10:00:00'))).toBe('LATE');
  });

  it('counts a withdrawal in time as no answer, and a withdrawal after the limit as missed', () => {
    const early = step(open, 'WITHDRAW', 'SUBMITTED', 'WITHDRAWN', '2026-03-02T10:00:00');
    expect(confirmationOutcome(early, 'WITHDRAWN', vn('2026-03-20T10:00:00'))).toBe('NONE');
    const afterLimit = step(open, 'WITHDRAW', 'SUBMITTED', 'WITHDRAWN', '2026-03-04T10:00:00');
    expect(confirmationOutcome(afterLimit, 'WITHDRAWN', vn('2026-03-20T10:00:00'))).toBe('LATE');
  });

  it('does not apply to desk and postal dossiers, and later actions leave the outcome alone', () => {
    const desk: ConfirmationState = { dueAt: null, confirmedAt: null, late: false };
    expect(step(desk, 'START_PROCESSING', 'RECEIVED', 'PROCESSING', '2026-03-02T10:00:00')).toBe(desk);
    expect(confirmationOutcome(desk, 'RECEIVED', received)).toBe('NONE');
    const accepted = step(open, 'ACCEPT', 'SUBMITTED', 'RECEIVED', '2026-03-02T10:00:00');
    const later = step(
      accepted,
      'REQUEST_SUPPLEMENT',
      'RECEIVED',
      'SUPPLEMENT_REQUESTED',
      '2026-03-10T10:00:00',
    );
    const resumed = step(
      later,
      'RECEIVE_SUPPLEMENT',
      'SUPPLEMENT_REQUESTED',
      'RECEIVED',
      '2026-03-11T10:00:00',
    );
    expect(resumed).toEqual(accepted);
  });
});
