import { DEFAULT_OFFICE_HOURS } from '@motcua/calendar';
import { changedDays, recomputedDueAt, replayedDueAt } from '../src/calendar/due-date-recompute';
import { calendarOf } from '../src/calendar/working-calendar.cache';
import type { NoticeContent } from '../src/calendar/notice-overrides';
import {
  applyAction,
  initialState,
  WorkflowContext,
  WorkflowState,
} from '../src/dossiers/workflow/dossier-workflow';

/** A Tết 2026 notice issued after the built-in one: Fri 13 and Mon 23 Feb off too, Sat 28 Feb worked. */
const TET_NOTICE: NoticeContent = {
  number: '999/VPCP-KGVX',
  issuedOn: '2026-01-20',
  issuer: 'Văn phòng Chính phủ',
  effectiveFrom: '2026-01-20',
  days: [
    { from: '2026-02-13', to: '2026-02-23', type: 'HOLIDAY', holiday: 'TET' },
    { from: '2026-02-28', type: 'WORKDAY' },
  ],
};

const seed = calendarOf([]);
const noticed = calendarOf([TET_NOTICE]);
const oneDay = (calendar = seed): WorkflowContext => ({
  calendar,
  officeHours: DEFAULT_OFFICE_HOURS,
  limit: { value: 1, unit: 'WORKING_DAYS' },
});
/** 17:00 Vietnam time of a date. */
const closeOf = (date: string) => new Date(`${date}T17:00:00+07:00`);
const at = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

function received(date: string, time = '10:00'): WorkflowState {
  return initialState('DIRECT', at(date, time), oneDay());
}

describe('deadlines recomputed after a calendar notice', () => {
  it('lists exactly the days whose working status the notice changes', () => {
    expect(changedDays(seed, noticed, [2026])).toEqual(['2026-02-13', '2026-02-23', '2026-02-28']);
    expect(changedDays(seed, seed, [2026])).toEqual([]);
  });

  it('replays the deadline the workflow set, supplement pauses included', () => {
    let state = received('2026-02-09');
    for (const request of [
      { action: 'START_PROCESSING' as const, at: at('2026-02-09', '11:00') },
      { action: 'REQUEST_SUPPLEMENT' as const, at: at('2026-02-10', '09:00'), reason: 'Thiếu tờ khai' },
      { action: 'RECEIVE_SUPPLEMENT' as const, at: at('2026-02-24', '09:00') },
    ]) {
      state = applyAction(state, request, oneDay()).state;
    }
    expect(state.dueAt).toEqual(closeOf('2026-02-24'));
    expect(replayedDueAt(state.clock, oneDay())).toEqual(state.dueAt);
    // Paused over the changed days: they leave the pause and enter no running time, so the deadline stays.
    expect(recomputedDueAt(state, oneDay(noticed))).toBeNull();
  });

  it('moves a deadline that fell on a day the notice made off to the next working day', () => {
    const state = received('2026-02-12'); // Thu, due Fri 13 Feb under the seed
    expect(state.dueAt).toEqual(closeOf('2026-02-13'));
    // 13-23 Feb off: the first working day after Thu 12 is Tue 24.
    expect(recomputedDueAt(state, oneDay(noticed))).toEqual(closeOf('2026-02-24'));
  });

  it('moves a deadline earlier when the notice makes a Saturday a working day', () => {
    const state = received('2026-02-27'); // Fri, due Mon 2 Mar under the seed
    expect(state.dueAt).toEqual(closeOf('2026-03-02'));
    expect(recomputedDueAt(state, oneDay(noticed))).toEqual(closeOf('2026-02-28'));
  });

  it('leaves deadlines the changed days do not reach', () => {
    expect(recomputedDueAt(received('2026-02-11'), oneDay(noticed))).toBeNull(); // due Thu 12
    expect(recomputedDueAt(received('2026-03-10'), oneDay(noticed))).toBeNull(); // after every change
    // Received on a day the notice makes off: counted from it all the same, due Tue 24 either way.
    const onChangedDay = received('2026-02-23');
    expect(onChangedDay.dueAt).toEqual(closeOf('2026-02-24'));
    expect(recomputedDueAt(onChangedDay, oneDay(noticed))).toBeNull();
  });

  it('recomputes a dossier waiting for a supplement from its clock, and keeps working-hour limits exact', () => {
    const asked = applyAction(
      received('2026-02-12', '08:00'),
      { action: 'REQUEST_SUPPLEMENT', at: at('2026-02-12', '10:00'), reason: 'Thiếu bản sao' },
      oneDay(),
    ).state;
    expect(asked.status).toBe('SUPPLEMENT_REQUESTED');
    expect(recomputedDueAt(asked, oneDay(noticed))).toEqual(closeOf('2026-02-24'));

    const hours: WorkflowContext = { ...oneDay(), limit: { value: 8, unit: 'WORKING_HOURS' } };
    const byHours = initialState('DIRECT', at('2026-02-12', '13:00'), hours);
    expect(byHours.dueAt).toEqual(at('2026-02-13', '11:30')); // 4 h on Thu afternoon, 4 h on Fri morning
    expect(recomputedDueAt(byHours, { ...hours, calendar: noticed })).toEqual(at('2026-02-24', '11:30'));
  });

  it('keeps the deadline of finished, apologised and not yet accepted dossiers', () => {
    const open = received('2026-02-12');
    expect(recomputedDueAt({ ...open, status: 'RESOLVED' }, oneDay(noticed))).toBeNull();
    expect(recomputedDueAt({ ...open, status: 'REJECTED' }, oneDay(noticed))).toBeNull();
    expect(recomputedDueAt({ ...open, apologized: true }, oneDay(noticed))).toBeNull();
    const online = initialState('ONLINE', at('2026-02-12', '10:00'), oneDay());
    expect(recomputedDueAt(online, oneDay(noticed))).toBeNull();
  });
});
