import type { WorkingCalendar } from '@motcua/calendar';
import { dueFrom, WorkflowContext, WorkflowState } from '../dossiers/workflow/dossier-workflow';

/** Statuses whose deadline still lies ahead of the dossier (a supplement wait keeps the deadline it had). */
export const RECOMPUTED_STATUSES = ['RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED'] as const;

/**
 * The deadline as the workflow would have set it under `context.calendar`: the limit counted from the first clock
 * segment (receipt, or acceptance online), then moved by the working time of each supplement pause, exactly as
 * RECEIVE_SUPPLEMENT does. Null when no clock has run (an online dossier not yet accepted).
 */
export function replayedDueAt(clock: WorkflowState['clock'], context: WorkflowContext): Date | null {
  if (clock.length === 0) return null;
  let due = dueFrom(clock[0].startedAt, context);
  for (let i = 1; i < clock.length; i++) {
    const pausedAt = clock[i - 1].endedAt ?? clock[i].startedAt;
    const paused = context.calendar.workingMinutesBetween(pausedAt, clock[i].startedAt, context.officeHours);
    due = context.calendar.dueForWorkingHours(due, paused / 60, context.officeHours);
  }
  return due;
}

/**
 * The new deadline of an open dossier under a changed calendar, or null when it does not move. Finished dossiers
 * keep theirs (they were judged when they finished), and so do apologised ones: their deadline is the new
 * appointment the agency gave the applicant in writing (form 04), not a computed one.
 */
export function recomputedDueAt(
  state: Pick<WorkflowState, 'status' | 'dueAt' | 'clock' | 'apologized'>,
  context: WorkflowContext,
): Date | null {
  if (!state.dueAt || state.apologized) return null;
  if (!(RECOMPUTED_STATUSES as readonly string[]).includes(state.status)) return null;
  const due = replayedDueAt(state.clock, context);
  return due && due.getTime() !== state.dueAt.getTime() ? due : null;
}

/** The dates of `years` that are working days in one calendar and not in the other, in order. */
export function changedDays(
  before: WorkingCalendar,
  after: WorkingCalendar,
  years: readonly number[],
): string[] {
  const changed: string[] = [];
  for (const year of [...new Set(years)].sort((a, b) => a - b)) {
    for (let day = Date.UTC(year, 0, 1); new Date(day).getUTCFullYear() === year; day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      if (before.isWorkingDay(date) !== after.isWorkingDay(date)) changed.push(date);
    }
  }
  return changed;
}
