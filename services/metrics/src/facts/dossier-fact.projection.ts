import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CatalogueEvent,
  DossierDueDateChangedV1,
  DossierFeedbackRecordedV1,
  DossierPaymentRecordedV1,
  DossierReceivedV1,
  DossierStatusChangedV1,
  EventTypes,
} from '@motcua/contracts';
import { vietnamDateOf } from '@motcua/calendar';
import { agencyPath } from './agency-path';
import { linkDossierFacts } from './dossier-links';

/** Statuses in which a dossier has left processing; RETURNED follows RESOLVED and changes nothing here. */
const FINISHED = new Set(['RESOLVED', 'REJECTED', 'WITHDRAWN', 'STOPPED']);

/** The dossier_flow_month column a finish counts in. */
const FINISH_COLUMN: Record<string, Record<string, string>> = {
  RESOLVED: { EARLY: 'resolved_early', ON_TIME: 'resolved_on_time', LATE: 'resolved_late' },
  REJECTED: { '': 'refused' },
  WITHDRAWN: { '': 'withdrawn' },
  STOPPED: { '': 'stopped' },
};

interface FlowKey {
  agencyCode: string;
  procedureCode: string;
  at: string;
}

/** Adds to a column of the agency, procedure and month (Vietnam time) of `key.at` (one dossier by default). */
async function addToFlow(manager: EntityManager, key: FlowKey, column: string, minutes = 0, delta = 1) {
  await manager.query(
    `INSERT INTO dossier_flow_month (agency_code, procedure_code, month, agency_path, ${column}, resolved_minutes)
     VALUES ($1, $2, date_trunc('month', $3::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, $4, $6, $5)
     ON CONFLICT (agency_code, procedure_code, month) DO UPDATE
       SET ${column} = dossier_flow_month.${column} + EXCLUDED.${column},
           resolved_minutes = dossier_flow_month.resolved_minutes + EXCLUDED.resolved_minutes`,
    [key.agencyCode, key.procedureCode, key.at, agencyPath(key.agencyCode), minutes, delta],
  );
}

/**
 * When a state entered at `since` makes the dossier overdue (DOMAIN.md §4, as intake judges it): at once if late by
 * rule, at its deadline while the clock runs; never while it waits for the applicant or for acceptance. A report
 * judging an instant T counts the dossier overdue when this is before T and the state still held at T.
 */
export function overdueFrom(state: {
  status: string;
  dueAt: Date | null;
  lateByRule: boolean;
  since: Date;
}): Date | null {
  if (state.lateByRule) return state.since;
  if (!CLOCKED.has(state.status) || !state.dueAt) return null;
  return state.dueAt > state.since ? state.dueAt : state.since;
}

const CLOCKED = new Set(['RECEIVED', 'PROCESSING']);

/**
 * The fact's online confirmation is the one of the latest status change that reported it (by its time, then event id):
 * the same whatever order the events were applied in, and under redelivery.
 */
async function foldOnlineConfirmation(code: string, manager: EntityManager): Promise<void> {
  await manager.query(
    `UPDATE dossier_fact f
        SET online_confirmation_outcome = l.confirmation_outcome, online_confirmation_due_at = l.confirmation_due_at,
            online_confirmed_at = l.confirmed_at, online_confirmation_at = l.at
       FROM (SELECT confirmation_outcome, confirmation_due_at, confirmed_at, at FROM dossier_status_log
              WHERE code = $1 AND confirmation_outcome IS NOT NULL
              ORDER BY at DESC, event_id DESC LIMIT 1) l
      WHERE f.code = $1`,
    [code],
  );
}

/** The resolution as the control sheet judges it: late by rule or past the deadline; early if a day ahead. */
export function resolutionOf(data: Pick<DossierStatusChangedV1, 'at' | 'dueAt' | 'late'>): string {
  if (data.late || !data.dueAt) return 'LATE';
  return vietnamDateOf(new Date(data.at)) < vietnamDateOf(new Date(data.dueAt)) ? 'EARLY' : 'ON_TIME';
}

/** One row of dossier_status_log: the state a dossier is in from `at` (a status change or a moved deadline). */
async function logState(
  manager: EntityManager,
  eventId: string,
  state: Pick<
    DossierStatusChangedV1,
    'code' | 'at' | 'dueAt' | 'apologized' | 'supplementRequests' | 'onlineConfirmation'
  > & {
    status: string;
    lateByRule: boolean;
  },
) {
  await manager.query(
    `INSERT INTO dossier_status_log (code, event_id, at, status, due_at, late_by_rule, apologized, supplement_requests,
                                     confirmation_outcome, confirmation_due_at, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
    [
      state.code,
      eventId,
      state.at,
      state.status,
      state.dueAt,
      state.lateByRule,
      state.apologized,
      state.supplementRequests,
      state.onlineConfirmation?.outcome ?? null,
      state.onlineConfirmation?.dueAt ?? null,
      state.onlineConfirmation?.confirmedAt ?? null,
    ],
  );
}

/**
 * Folds motcua.dossier.v1 into dossier_fact and dossier_status_log; runs inside the inbox transaction, so each
 * event counts once. A dossier's events share a partition (keyed by its code), so they arrive in order.
 */
@Injectable()
export class DossierFactProjection {
  async apply(event: CatalogueEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case EventTypes.DossierReceivedV1:
        return this.received(event.data, manager);
      case EventTypes.DossierStatusChangedV1:
        return this.statusChanged(event.id, event.data, manager);
      case EventTypes.DossierPaymentRecordedV1:
        return this.paymentRecorded(event.data, manager);
      case EventTypes.DossierFeedbackRecordedV1:
        return this.feedbackRecorded(event.id, event.data, manager);
      case EventTypes.DossierDueDateChangedV1:
        return this.dueDateChanged(event.id, event.data, manager);
      default:
        return;
    }
  }

  private async received(data: DossierReceivedV1, manager: EntityManager): Promise<void> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO dossier_fact (code, agency_code, agency_path, procedure_code, channel, status, received_at,
                                 received_status, received_due_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8, $8)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        data.code,
        data.agencyCode,
        agencyPath(data.agencyCode),
        data.procedureCode,
        data.channel,
        data.status,
        data.receivedAt,
        data.dueAt,
      ],
    );
    if (inserted.length > 0) {
      const key = { agencyCode: data.agencyCode, procedureCode: data.procedureCode, at: data.receivedAt };
      await addToFlow(manager, key, data.channel === 'ONLINE' ? 'received_online' : 'received_other');
      const from = overdueFrom({
        status: data.status,
        dueAt: data.dueAt ? new Date(data.dueAt) : null,
        lateByRule: false,
        since: new Date(data.receivedAt),
      });
      if (from) await addToFlow(manager, { ...key, at: from.toISOString() }, 'overdue_in');
    }
    // A status change applied before its dossier arrived (a replay, a redelivery) is in the log already.
    if (inserted.length > 0 && data.channel === 'ONLINE') await foldOnlineConfirmation(data.code, manager);
    await linkDossierFacts(data.code, manager);
  }

  private async statusChanged(eventId: string, data: DossierStatusChangedV1, manager: EntityManager) {
    const lateByRule = data.apologized || data.supplementRequests > 1;
    await logState(manager, eventId, { ...data, status: data.toStatus, lateByRule });
    if (data.onlineConfirmation) await foldOnlineConfirmation(data.code, manager);
    const [before] = (await manager.query(
      `SELECT status, due_at, late_by_rule, coalesce(last_status_at, received_at) AS since, finished_at
         FROM dossier_fact WHERE code = $1 FOR UPDATE`,
      [data.code],
    )) as {
      status: string;
      due_at: Date | null;
      late_by_rule: boolean;
      since: Date;
      finished_at: Date | null;
    }[];
    const finishes = FINISHED.has(data.toStatus) && !FINISHED.has(data.fromStatus);
    const resolved = finishes && data.toStatus === 'RESOLVED';
    const resolution = resolved ? resolutionOf(data) : null;
    const [updated] = (await manager.query(
      `UPDATE dossier_fact
          SET status = $2, due_at = $3, late_by_rule = $4, apologized = $5, supplement_requests = $6,
              last_status_at = $7,
              finished_at = CASE WHEN $8 AND finished_at IS NULL THEN $7 ELSE finished_at END,
              -- SET reads the row as it was: the state in force until this finishing change.
              open_since = CASE WHEN $8 AND finished_at IS NULL THEN coalesce(last_status_at, received_at)
                                ELSE open_since END,
              open_status = CASE WHEN $8 AND finished_at IS NULL THEN status ELSE open_status END,
              open_due_at = CASE WHEN $8 AND finished_at IS NULL THEN due_at ELSE open_due_at END,
              open_late_by_rule = CASE WHEN $8 AND finished_at IS NULL THEN late_by_rule ELSE open_late_by_rule END,
              open_apologized = CASE WHEN $8 AND finished_at IS NULL THEN apologized ELSE open_apologized END,
              open_supplement_requests = CASE WHEN $8 AND finished_at IS NULL THEN supplement_requests
                                              ELSE open_supplement_requests END,
              finished_as = CASE WHEN $8 AND finished_at IS NULL THEN $2 ELSE finished_as END,
              resolution = CASE WHEN $8 AND finished_at IS NULL THEN $9 ELSE resolution END,
              processing_minutes = CASE WHEN $8 AND finished_at IS NULL THEN $10 ELSE processing_minutes END
        WHERE code = $1 AND (last_status_at IS NULL OR last_status_at <= $7)
       RETURNING agency_code, procedure_code`,
      [
        data.code,
        data.toStatus,
        data.dueAt,
        lateByRule,
        data.apologized,
        data.supplementRequests,
        data.at,
        finishes,
        resolution,
        resolved ? data.elapsedWorkingMinutes : null,
      ],
    )) as [{ agency_code: string; procedure_code: string }[], number];
    if (updated.length === 0) return;
    const key = { agencyCode: updated[0].agency_code, procedureCode: updated[0].procedure_code, at: data.at };
    if (before.finished_at === null) await this.moveOverdue(before, data, lateByRule, finishes, key, manager);
    // A dossier leaves processing once (from a status that is not final), and the inbox applies each event once.
    if (finishes) {
      await addToFlow(
        manager,
        key,
        FINISH_COLUMN[data.toStatus][resolution ?? ''],
        resolved ? data.elapsedWorkingMinutes : 0,
      );
    }
  }

  /**
   * A calendar notice moved an open dossier's deadline: the same status from `at` on, with the new deadline, so the
   * overdue figures (and a report as of any later instant, through dossier_status_log) follow it. Ignored once the
   * fact has finished or has seen a later change.
   */
  private async dueDateChanged(eventId: string, data: DossierDueDateChangedV1, manager: EntityManager) {
    const lateByRule = data.apologized || data.supplementRequests > 1;
    await logState(manager, eventId, { ...data, lateByRule });
    const [before] = (await manager.query(
      `SELECT status, due_at, late_by_rule, coalesce(last_status_at, received_at) AS since
         FROM dossier_fact WHERE code = $1 AND finished_at IS NULL FOR UPDATE`,
      [data.code],
    )) as { status: string; due_at: Date | null; late_by_rule: boolean; since: Date }[];
    if (!before) return;
    const [updated] = (await manager.query(
      `UPDATE dossier_fact SET due_at = $2, last_status_at = $3
        WHERE code = $1 AND finished_at IS NULL AND (last_status_at IS NULL OR last_status_at <= $3)
       RETURNING agency_code, procedure_code`,
      [data.code, data.dueAt, data.at],
    )) as [{ agency_code: string; procedure_code: string }[], number];
    if (updated.length === 0) return;
    const key = { agencyCode: updated[0].agency_code, procedureCode: updated[0].procedure_code, at: data.at };
    await this.moveOverdue(
      before,
      { at: data.at, toStatus: data.status, dueAt: data.dueAt },
      lateByRule,
      false,
      key,
      manager,
    );
  }

  /**
   * The state that held until this change ends here: if it had made the dossier overdue, it stops being so from now
   * (overdue_out); if it would have later, that projected overdue_in is taken back. The new state, unless the dossier
   * finished, projects its own. A month's end then counts Σ (overdue_in − overdue_out) up to that month.
   */
  private async moveOverdue(
    before: { status: string; due_at: Date | null; late_by_rule: boolean; since: Date },
    data: Pick<DossierStatusChangedV1, 'at' | 'toStatus' | 'dueAt'>,
    lateByRule: boolean,
    finishes: boolean,
    key: FlowKey,
    manager: EntityManager,
  ) {
    const at = new Date(data.at);
    const ended = overdueFrom({
      status: before.status,
      dueAt: before.due_at,
      lateByRule: before.late_by_rule,
      since: before.since,
    });
    if (ended && ended < at) await addToFlow(manager, key, 'overdue_out');
    else if (ended) await addToFlow(manager, { ...key, at: ended.toISOString() }, 'overdue_in', 0, -1);
    if (finishes) return;
    const started = overdueFrom({
      status: data.toStatus,
      dueAt: data.dueAt ? new Date(data.dueAt) : null,
      lateByRule,
      since: at,
    });
    if (started) await addToFlow(manager, { ...key, at: started.toISOString() }, 'overdue_in');
  }

  private async paymentRecorded(data: DossierPaymentRecordedV1, manager: EntityManager) {
    await manager.query('UPDATE dossier_fact SET payment_status = $2, paid_at = $3 WHERE code = $1', [
      data.code,
      data.paymentStatus,
      data.paidAt,
    ]);
  }

  /** Every feedback is kept with its time (a report judged at T uses the latest before T); the fact has the latest. */
  private async feedbackRecorded(eventId: string, data: DossierFeedbackRecordedV1, manager: EntityManager) {
    await manager.query(
      `INSERT INTO feedback_result (dossier_code, event_id, satisfaction, complaint, recorded_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [data.code, eventId, data.satisfaction, data.complaint, data.recordedAt],
    );
    await manager.query(
      `UPDATE dossier_fact f SET satisfaction = l.satisfaction, complaint = l.complaint, feedback_at = l.recorded_at,
              feedback_first_at = (SELECT min(recorded_at) FROM feedback_result WHERE dossier_code = $1)
         FROM (SELECT satisfaction, complaint, recorded_at FROM feedback_result WHERE dossier_code = $1
                ORDER BY recorded_at DESC, event_id DESC LIMIT 1) l
        WHERE f.code = $1`,
      [data.code],
    );
  }
}
