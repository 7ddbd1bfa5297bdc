import type { DossierAction, DossierStatus, OnlineConfirmationOutcome } from '@motcua/contracts';

/** Online dossiers must be accepted or answered within this many working hours (Decree 45/2020). */
export const ONLINE_CONFIRMATION_WORKING_HOURS = 8;

/** Leaving SUBMITTED by one of these answers the applicant (accepted, refused or asked for a supplement). */
const ANSWERS: ReadonlySet<DossierAction> = new Set(['ACCEPT', 'REQUEST_SUPPLEMENT', 'REJECT']);

/**
 * The 8-working-hour confirmation of an online dossier. A round starts on arrival and again each time a supplement
 * brings the dossier back to SUBMITTED (it has to be answered anew); `late` is sticky: one missed round is enough.
 * Desk and postal dossiers have no round (`dueAt` null).
 */
export interface ConfirmationState {
  dueAt: Date | null;
  /** When the current round was answered; null while it is open or when the applicant withdrew unanswered. */
  confirmedAt: Date | null;
  late: boolean;
}

/** ON_TIME: every round answered in time; LATE: one was not; PENDING: open, still in time; NONE: not applicable. */
export type ConfirmationOutcome = OnlineConfirmationOutcome;

export function confirmationAfter(
  state: ConfirmationState,
  change: { action: DossierAction; fromStatus: DossierStatus; toStatus: DossierStatus; at: Date },
  nextRoundDue: (arrival: Date) => Date,
): ConfirmationState {
  if (!state.dueAt) return state;
  const { action, fromStatus, toStatus, at } = change;
  if (fromStatus === 'SUBMITTED' && toStatus !== 'SUBMITTED') {
    // A withdrawal answers nothing, but an already overdue round stays missed.
    const late = state.late || at.getTime() > state.dueAt.getTime();
    return { dueAt: state.dueAt, confirmedAt: ANSWERS.has(action) ? at : null, late };
  }
  if (toStatus === 'SUBMITTED' && fromStatus !== 'SUBMITTED') {
    return { dueAt: nextRoundDue(at), confirmedAt: null, late: state.late };
  }
  return state;
}

export function confirmationOutcome(
  state: ConfirmationState,
  status: DossierStatus,
  now: Date,
): ConfirmationOutcome {
  if (!state.dueAt) return 'NONE';
  if (state.late) return 'LATE';
  if (status === 'SUBMITTED') return now.getTime() > state.dueAt.getTime() ? 'LATE' : 'PENDING';
  return state.confirmedAt ? 'ON_TIME' : 'NONE';
}
