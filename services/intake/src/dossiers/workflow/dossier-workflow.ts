import type { DossierAction, DossierStatus } from '@motcua/contracts';
import { OfficeHours, vietnamDateOf, WorkingCalendar } from '@motcua/calendar';
import { localized, type LocalizedText } from '@motcua/http';

/**
 * The one-stop workflow as pure functions: states, allowed actions, and the SLA clock.
 * The clock is a list of running segments, not a countdown: a supplement request closes the open
 * segment and its completion opens a new one, so elapsed time and the deadline can always be recomputed.
 */

export interface ClockSegment {
  startedAt: Date;
  endedAt: Date | null;
}

export interface ProcessingLimit {
  value: number;
  unit: 'WORKING_DAYS' | 'WORKING_HOURS';
}

export interface WorkflowState {
  status: DossierStatus;
  /** Where RECEIVE_SUPPLEMENT returns to while SUPPLEMENT_REQUESTED. */
  resumeStatus: DossierStatus | null;
  dueAt: Date | null;
  clock: ClockSegment[];
  supplementRequests: number;
  apologized: boolean;
  /** Late whatever the clock says: apologised, or more than one supplement request (DOMAIN.md §4, §10). */
  lateByRule: boolean;
  finishedAt: Date | null;
}

export interface WorkflowContext {
  calendar: WorkingCalendar;
  officeHours: OfficeHours;
  limit: ProcessingLimit;
}

export interface ActionRequest {
  action: DossierAction;
  at: Date;
  reason?: string;
  newDueAt?: Date;
}

export type OnTimeState = 'EARLY' | 'ON_TIME' | 'LATE';

export interface ActionOutcome {
  state: WorkflowState;
  /** The control sheet's outcome of this hand-off, judged against the deadline in force before it. */
  onTimeState: OnTimeState | null;
}

export type WorkflowErrorCode =
  | 'ACTION_NOT_ALLOWED'
  | 'REASON_REQUIRED'
  | 'NEW_DUE_REQUIRED'
  | 'NEW_DUE_NOT_LATER'
  | 'ALREADY_APOLOGIZED'
  | 'APOLOGY_TOO_LATE'
  | 'UNEXPECTED_FIELD';

export class WorkflowError extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    readonly text: LocalizedText,
    readonly allowedActions: DossierAction[] = [],
  ) {
    super(text.en);
  }
}

const FINISHED: ReadonlySet<DossierStatus> = new Set([
  'RESOLVED',
  'RETURNED',
  'REJECTED',
  'WITHDRAWN',
  'STOPPED',
]);
/** Statuses in which the SLA clock runs. */
const CLOCKED: ReadonlySet<DossierStatus> = new Set(['RECEIVED', 'PROCESSING']);

/** Action → next status, for each status; APOLOGIZE keeps the status. */
const TRANSITIONS: Record<
  DossierStatus,
  Partial<Record<DossierAction, DossierStatus | 'RESUME' | 'SAME'>>
> = {
  SUBMITTED: {
    ACCEPT: 'RECEIVED',
    REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED',
    REJECT: 'REJECTED',
    WITHDRAW: 'WITHDRAWN',
  },
  RECEIVED: {
    START_PROCESSING: 'PROCESSING',
    REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED',
    REJECT: 'REJECTED',
    APOLOGIZE: 'SAME',
    WITHDRAW: 'WITHDRAWN',
    STOP: 'STOPPED',
  },
  PROCESSING: {
    REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED',
    RESOLVE: 'RESOLVED',
    REJECT: 'REJECTED',
    APOLOGIZE: 'SAME',
    WITHDRAW: 'WITHDRAWN',
    STOP: 'STOPPED',
  },
  SUPPLEMENT_REQUESTED: {
    RECEIVE_SUPPLEMENT: 'RESUME',
    REJECT: 'REJECTED',
    WITHDRAW: 'WITHDRAWN',
    STOP: 'STOPPED',
  },
  RESOLVED: { RETURN_RESULT: 'RETURNED' },
  RETURNED: {},
  REJECTED: {},
  WITHDRAWN: {},
  STOPPED: {},
};

/** Actions that must say why (the written reason the forms carry). */
const NEEDS_REASON: ReadonlySet<DossierAction> = new Set([
  'REQUEST_SUPPLEMENT',
  'REJECT',
  'APOLOGIZE',
  'STOP',
]);

export function allowedActions(status: DossierStatus): DossierAction[] {
  return Object.keys(TRANSITIONS[status]) as DossierAction[];
}

export function isFinished(status: DossierStatus): boolean {
  return FINISHED.has(status);
}

/** Deadline of a limit counted from `start` (DOMAIN.md §6: the start day is not counted). */
export function dueFrom(start: Date, context: WorkflowContext): Date {
  return context.limit.unit === 'WORKING_HOURS'
    ? context.calendar.dueForWorkingHours(start, context.limit.value, context.officeHours)
    : context.calendar.dueForWorkingDays(start, context.limit.value, context.officeHours);
}

/** Working minutes the clock has run until `now`, pauses excluded. */
export function elapsedWorkingMinutes(clock: ClockSegment[], now: Date, context: WorkflowContext): number {
  return clock.reduce(
    (sum, segment) =>
      sum +
      context.calendar.workingMinutesBetween(segment.startedAt, segment.endedAt ?? now, context.officeHours),
    0,
  );
}

export function onTimeStateAt(at: Date, dueAt: Date | null, lateByRule: boolean): OnTimeState | null {
  if (!dueAt) return null;
  if (lateByRule || at.getTime() > dueAt.getTime()) return 'LATE';
  return vietnamDateOf(at) < vietnamDateOf(dueAt) ? 'EARLY' : 'ON_TIME';
}

/**
 * Overdue is derived, never stored: past the deadline and still being worked on at `asOf`.
 * A dossier waiting for the applicant's supplement is not overdue: its clock stands still.
 */
export function isOverdue(state: Pick<WorkflowState, 'status' | 'dueAt'>, asOf: Date): boolean {
  return !!state.dueAt && CLOCKED.has(state.status) && asOf.getTime() > state.dueAt.getTime();
}

/** The state of a dossier just received: desk and post start the clock at once, online waits for acceptance. */
export function initialState(
  channel: 'DIRECT' | 'ONLINE' | 'POSTAL',
  receivedAt: Date,
  context: WorkflowContext,
): WorkflowState {
  const online = channel === 'ONLINE';
  return {
    status: online ? 'SUBMITTED' : 'RECEIVED',
    resumeStatus: null,
    dueAt: online ? null : dueFrom(receivedAt, context),
    clock: online ? [] : [{ startedAt: receivedAt, endedAt: null }],
    supplementRequests: 0,
    apologized: false,
    lateByRule: false,
    finishedAt: null,
  };
}

function closeClock(clock: ClockSegment[], at: Date): ClockSegment[] {
  return clock.map((segment) => (segment.endedAt ? segment : { ...segment, endedAt: at }));
}

/** Applies one action; throws WorkflowError (with the allowed actions) when the rules forbid it. */
export function applyAction(
  state: WorkflowState,
  request: ActionRequest,
  context: WorkflowContext,
): ActionOutcome {
  const { action, at } = request;
  const target = TRANSITIONS[state.status][action];
  if (!target) {
    const allowed = allowedActions(state.status);
    throw new WorkflowError(
      'ACTION_NOT_ALLOWED',
      localized(
        `${action} is not allowed while the dossier is ${state.status}; allowed: ${allowed.join(', ') || 'none (final status)'}.`,
        `Không được thực hiện ${action} khi hồ sơ đang ở trạng thái ${state.status}; được phép: ${allowed.join(', ') || 'không (trạng thái cuối)'}.`,
      ),
      allowed,
    );
  }
  if (NEEDS_REASON.has(action) && !request.reason?.trim()) {
    throw new WorkflowError(
      'REASON_REQUIRED',
      localized(
        `${action} needs a reason (it is written on the form given to the applicant).`,
        `Thao tác ${action} cần nêu lý do (lý do được ghi trên phiếu gửi người nộp hồ sơ).`,
      ),
    );
  }
  if (action !== 'APOLOGIZE' && request.newDueAt) {
    throw new WorkflowError(
      'UNEXPECTED_FIELD',
      localized(
        'newDueAt is only for APOLOGIZE (the new appointment).',
        'newDueAt chỉ dùng cho APOLOGIZE (ngày hẹn trả mới).',
      ),
    );
  }
  const onTimeState = onTimeStateAt(at, state.dueAt, state.lateByRule);
  let next: WorkflowState = { ...state, clock: [...state.clock] };

  switch (action) {
    case 'ACCEPT':
      // An online dossier's deadline runs from its acceptance.
      next = {
        ...next,
        status: 'RECEIVED',
        dueAt: dueFrom(at, context),
        clock: [{ startedAt: at, endedAt: null }],
      };
      break;
    case 'REQUEST_SUPPLEMENT': {
      const clocked = CLOCKED.has(state.status);
      next = {
        ...next,
        status: 'SUPPLEMENT_REQUESTED',
        resumeStatus: state.status,
        clock: clocked ? closeClock(state.clock, at) : next.clock,
        // Guidance before acceptance is the one-time completeness check (form 02), not a processing request.
        supplementRequests: clocked ? state.supplementRequests + 1 : state.supplementRequests,
      };
      if (next.supplementRequests > 1) next.lateByRule = true;
      break;
    }
    case 'RECEIVE_SUPPLEMENT': {
      const resume = state.resumeStatus ?? 'RECEIVED';
      next = { ...next, status: resume, resumeStatus: null };
      if (CLOCKED.has(resume)) {
        // The deadline moves by the working time the clock stood still.
        const pausedAt = state.clock.at(-1)?.endedAt ?? at;
        const paused = context.calendar.workingMinutesBetween(pausedAt, at, context.officeHours);
        next.clock = [...state.clock, { startedAt: at, endedAt: null }];
        next.dueAt = state.dueAt
          ? context.calendar.dueForWorkingHours(state.dueAt, paused / 60, context.officeHours)
          : null;
      }
      break;
    }
    case 'APOLOGIZE': {
      if (state.apologized)
        throw new WorkflowError(
          'ALREADY_APOLOGIZED',
          localized(
            'The appointment may be moved only once; this dossier was already apologised for.',
            'Ngày hẹn trả chỉ được lùi một lần; hồ sơ này đã có phiếu xin lỗi và hẹn lại.',
          ),
        );
      if (!request.newDueAt)
        throw new WorkflowError(
          'NEW_DUE_REQUIRED',
          localized(
            'APOLOGIZE needs newDueAt, the new appointment.',
            'APOLOGIZE cần newDueAt, ngày hẹn trả mới.',
          ),
        );
      if (!state.dueAt || request.newDueAt.getTime() <= state.dueAt.getTime()) {
        throw new WorkflowError(
          'NEW_DUE_NOT_LATER',
          localized(
            'The new appointment must be later than the current one.',
            'Ngày hẹn trả mới phải muộn hơn ngày hẹn hiện tại.',
          ),
        );
      }
      // At least one (working) day before the deadline (DOMAIN.md §4).
      const lastDay = context.calendar.addWorkingDays(vietnamDateOf(state.dueAt), -1);
      if (vietnamDateOf(at) > lastDay) {
        throw new WorkflowError(
          'APOLOGY_TOO_LATE',
          localized(
            `An apology must be sent by ${lastDay}, at least one working day before the deadline.`,
            `Phiếu xin lỗi và hẹn lại phải gửi chậm nhất ngày ${lastDay}, trước hạn ít nhất một ngày làm việc.`,
          ),
        );
      }
      next = { ...next, dueAt: request.newDueAt, apologized: true, lateByRule: true };
      break;
    }
    case 'START_PROCESSING':
      next = { ...next, status: 'PROCESSING' };
      break;
    case 'RETURN_RESULT':
      next = { ...next, status: 'RETURNED' };
      break;
    default:
      // RESOLVE, REJECT, WITHDRAW, STOP: the dossier leaves processing and the clock stops.
      next = {
        ...next,
        status: target as DossierStatus,
        clock: closeClock(state.clock, at),
        finishedAt: at,
        resumeStatus: null,
      };
  }
  return { state: next, onTimeState };
}
