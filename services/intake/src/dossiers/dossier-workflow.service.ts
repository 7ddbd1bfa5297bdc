import { HttpStatus, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogueEvent, createCloudEvent, DossierAction, EventTypes, Role } from '@motcua/contracts';
import { Principal, principalReaches } from '@motcua/auth';
import { localized, type LocalizedText, ProblemException } from '@motcua/http';
import { appendToOutbox, OutboxRelay } from '@motcua/messaging';
import { DossierActionEntity } from './dossier-action.entity';
import { dossierIdentity, recordedOn, statusChangedEvent } from './dossier-events';
import { DossierRulesService } from './dossier-rules.service';
import { appendAction, applyStateTo, loadWorkflowState, saveClock } from './dossier-state.store';
import type { DossierHistoryResponse, ImportDossiersResponse } from './dossier.response';
import { DossierEntity } from './dossier.entity';
import { assertInScope, dossierNotFound, dossierScope, DossierService } from './dossier.service';
import { DossierView } from './dossier.view';
import { DossierActionDto } from './dto/dossier-action.dto';
import { RecordFeedbackDto, RecordPaymentDto } from './dto/dossier-records.dto';
import { ImportDossiersDto, ImportedDossierDto } from './dto/import-dossiers.dto';
import { applyAction, elapsedWorkingMinutes, isOverdue, WorkflowError } from './workflow/dossier-workflow';
import { confirmationAfter, ONLINE_CONFIRMATION_WORKING_HOURS } from './workflow/online-confirmation';

/** Who may take each action: the desk receives and returns, the processing officer decides. */
const ACTION_ROLES: Record<DossierAction, Role[]> = {
  ACCEPT: ['clerk'],
  REQUEST_SUPPLEMENT: ['clerk', 'officer'],
  RECEIVE_SUPPLEMENT: ['clerk', 'citizen_portal'],
  REJECT: ['clerk', 'officer'],
  START_PROCESSING: ['clerk', 'officer'],
  RESOLVE: ['officer'],
  APOLOGIZE: ['officer'],
  RETURN_RESULT: ['clerk'],
  WITHDRAW: ['clerk', 'citizen_portal'],
  STOP: ['officer'],
};

const WORKFLOW_ERROR_STATUS: Record<WorkflowError['code'], HttpStatus> = {
  ACTION_NOT_ALLOWED: HttpStatus.CONFLICT,
  ALREADY_APOLOGIZED: HttpStatus.CONFLICT,
  APOLOGY_TOO_LATE: HttpStatus.UNPROCESSABLE_ENTITY,
  NEW_DUE_NOT_LATER: HttpStatus.UNPROCESSABLE_ENTITY,
  REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  NEW_DUE_REQUIRED: HttpStatus.BAD_REQUEST,
  UNEXPECTED_FIELD: HttpStatus.BAD_REQUEST,
};

const ERROR_FIELD: Partial<Record<WorkflowError['code'], string>> = {
  REASON_REQUIRED: 'reason',
  NEW_DUE_REQUIRED: 'newDueAt',
  NEW_DUE_NOT_LATER: 'newDueAt',
  UNEXPECTED_FIELD: 'newDueAt',
};

function toProblem(error: WorkflowError): ProblemException {
  const field = ERROR_FIELD[error.code];
  return new ProblemException(
    WORKFLOW_ERROR_STATUS[error.code],
    error.code.toLowerCase().replace(/_/g, '-'),
    error.text,
    field ? [{ field, message: error.text }] : [],
    error.code === 'ACTION_NOT_ALLOWED' ? { allowedActions: error.allowedActions } : {},
  );
}

@Injectable()
export class DossierWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: DossierRulesService,
    private readonly dossiers: DossierService,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async act(code: string, dto: DossierActionDto, principal: Principal): Promise<DossierView> {
    if (!ACTION_ROLES[dto.action].some((role) => principal.roles.includes(role))) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'action-forbidden',
        localized(
          `${dto.action} needs one of the roles ${ACTION_ROLES[dto.action].join(', ')}.`,
          `Thao tác ${dto.action} cần một trong các vai trò ${ACTION_ROLES[dto.action].join(', ')}.`,
        ),
      );
    }
    await this.dataSource.transaction((manager) => this.actWithin(manager, code, dto, principal, new Date()));
    this.relay?.nudge();
    return this.dossiers.view(code);
  }

  /** One action in the caller's transaction: the dossier row is locked, so concurrent actions apply one at a time. */
  private async actWithin(
    manager: EntityManager,
    code: string,
    dto: DossierActionDto,
    principal: Principal,
    at: Date,
  ) {
    const dossier = await manager.findOne(DossierEntity, {
      where: { code },
      lock: { mode: 'pessimistic_write' },
    });
    if (!dossier || !principalReaches(principal, dossierScope(dossier))) throw dossierNotFound(code);
    const before = await loadWorkflowState(manager, dossier);
    const officeHours = await this.rules.officeHoursOf(dossier.agencyCode, manager);
    const context = await this.rules.contextFor(
      officeHours,
      { value: Number(dossier.processingLimit), unit: dossier.limitUnit },
      manager,
    );
    let outcome;
    try {
      outcome = applyAction(
        before,
        {
          action: dto.action,
          at,
          reason: dto.reason,
          newDueAt: dto.newDueAt ? new Date(dto.newDueAt) : undefined,
        },
        context,
      );
    } catch (error) {
      if (error instanceof WorkflowError) throw toProblem(error);
      throw error;
    }
    const fromStatus = dossier.status;
    applyStateTo(dossier, outcome.state);
    if (dto.action === 'ACCEPT') dossier.acceptedAt = at;
    const confirmation = confirmationAfter(
      { dueAt: dossier.confirmationDueAt, confirmedAt: dossier.confirmedAt, late: dossier.confirmationLate },
      { action: dto.action, fromStatus, toStatus: dossier.status, at },
      (arrival) =>
        context.calendar.dueForWorkingHours(arrival, ONLINE_CONFIRMATION_WORKING_HOURS, officeHours),
    );
    Object.assign(dossier, {
      confirmationDueAt: confirmation.dueAt,
      confirmedAt: confirmation.confirmedAt,
      confirmationLate: confirmation.late,
    });
    if (dto.components?.length) {
      // A supplement request lists what is missing; receiving it marks what arrived.
      const changes = new Map(dto.components.map((c) => [c.code, c.provided]));
      dossier.components = dossier.components.map((c) =>
        changes.has(c.code) ? { ...c, provided: changes.get(c.code)! } : c,
      );
    }
    await manager.save(dossier);
    await saveClock(manager, code, outcome.state.clock);
    await appendAction(manager, {
      dossierCode: code,
      action: dto.action,
      fromStatus,
      toStatus: dossier.status,
      actor: principal.sub,
      actorAgency: principal.agency,
      at,
      reason: dto.reason?.trim() || null,
      dueAt: dossier.dueAt,
      onTimeState: outcome.onTimeState,
      details: dto.components?.length ? { components: dto.components } : {},
    });
    await appendToOutbox(manager, [
      statusChangedEvent(dossier, {
        action: dto.action,
        fromStatus,
        at,
        actor: principal.sub,
        elapsedWorkingMinutes: elapsedWorkingMinutes(outcome.state.clock, at, context),
      }),
    ]);
  }

  /** The control sheet: every action with actor, time, deadline and on-time state, oldest first. */
  async history(code: string, principal: Principal): Promise<DossierHistoryResponse> {
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ code });
    if (!dossier || !principalReaches(principal, dossierScope(dossier))) throw dossierNotFound(code);
    const rows = await this.dataSource
      .getRepository(DossierActionEntity)
      .find({ where: { dossierCode: code }, order: { seq: 'ASC' } });
    return {
      code,
      status: dossier.status,
      dueAt: dossier.dueAt?.toISOString() ?? null,
      overdue: isOverdue(dossier, new Date()),
      entries: rows.map((row) => ({
        seq: row.seq,
        action: row.action,
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        actor: row.actor,
        actorAgency: row.actorAgency,
        at: row.at.toISOString(),
        reason: row.reason,
        dueAt: row.dueAt?.toISOString() ?? null,
        onTimeState: row.onTimeState,
      })),
    };
  }

  async recordPayment(code: string, dto: RecordPaymentDto, principal: Principal): Promise<DossierView> {
    return this.record(code, principal, (dossier, at) => {
      if (dossier.paymentStatus !== 'UNPAID') {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'payment-already-recorded',
          localized(
            `The fee of ${code} is already ${dossier.paymentStatus}.`,
            `Lệ phí của hồ sơ ${code} đã ở trạng thái ${dossier.paymentStatus}.`,
          ),
        );
      }
      if (dto.paymentStatus !== 'EXEMPT' && dto.amountVnd !== dossier.feeVnd) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'wrong-amount',
          localized(
            `The fee of ${code} is ${dossier.feeVnd} VND.`,
            `Lệ phí của hồ sơ ${code} là ${dossier.feeVnd} đồng.`,
          ),
          [
            {
              field: 'amountVnd',
              message: localized(`must be ${dossier.feeVnd}`, `amountVnd phải bằng ${dossier.feeVnd}`),
            },
          ],
        );
      }
      Object.assign(dossier, { paymentStatus: dto.paymentStatus, paidAt: at });
      return createCloudEvent({
        ...recordedOn(dossier, at),
        type: EventTypes.DossierPaymentRecordedV1,
        data: {
          ...dossierIdentity(dossier),
          paymentStatus: dto.paymentStatus,
          amountVnd: dto.paymentStatus === 'EXEMPT' ? 0 : dto.amountVnd,
          paidAt: at.toISOString(),
        },
      });
    });
  }

  async recordFeedback(code: string, dto: RecordFeedbackDto, principal: Principal): Promise<DossierView> {
    return this.record(code, principal, (dossier, at) => {
      Object.assign(dossier, { satisfaction: dto.satisfaction, complaint: dto.complaint, feedbackAt: at });
      return createCloudEvent({
        ...recordedOn(dossier, at),
        type: EventTypes.DossierFeedbackRecordedV1,
        data: {
          ...dossierIdentity(dossier),
          satisfaction: dto.satisfaction,
          complaint: dto.complaint,
          recordedAt: at.toISOString(),
        },
      });
    });
  }

  /** A fact recorded on the dossier (not a workflow step): the change and its event commit together. */
  private async record(
    code: string,
    principal: Principal,
    change: (dossier: DossierEntity, at: Date) => CatalogueEvent,
  ): Promise<DossierView> {
    await this.dataSource.transaction(async (manager) => {
      const dossier = await this.lockVisible(manager, code, principal);
      const at = new Date();
      const event = change(dossier, at);
      await manager.save(dossier);
      await appendToOutbox(manager, [event]);
    });
    this.relay?.nudge();
    return this.dossiers.view(code);
  }

  /**
   * Legacy migration: each dossier with its whole history, replayed through the same rules with the recorded
   * times, in one transaction per dossier (all of it or none of it). Events go out as for live dossiers.
   */
  /**
   * All or nothing per request: the whole batch is one transaction, each item behind a savepoint so that every
   * refused item is reported (not only the first). One refused item and nothing is stored (a 4xx naming each
   * refused item); an unexpected failure rolls everything back too. A retried batch therefore never finds half of
   * itself already imported.
   */
  async import(dto: ImportDossiersDto, principal: Principal): Promise<ImportDossiersResponse> {
    const refused: Array<{ index: number; status: number; slug: string; detail: LocalizedText }> = [];
    const results = await this.dataSource.transaction(async (manager) => {
      const done: Array<{ index: number; code: string; status: string }> = [];
      for (const [index, item] of dto.dossiers.entries()) {
        await manager.query('SAVEPOINT import_item');
        try {
          const code = await this.importOne(manager, item, principal);
          const stored = await manager.findOneByOrFail(DossierEntity, { code });
          await manager.query('RELEASE SAVEPOINT import_item');
          done.push({ index, code, status: stored.status });
        } catch (error) {
          if (!(error instanceof ProblemException)) throw error;
          await manager.query('ROLLBACK TO SAVEPOINT import_item');
          refused.push({ index, status: error.getStatus(), slug: error.slug, detail: error.detail });
        }
      }
      // Throwing rolls the whole batch back.
      if (refused.length) throw importRefused(refused);
      return done;
    });
    this.relay?.nudge();
    return { imported: results.length, failed: 0, results };
  }

  private async importOne(manager: EntityManager, item: ImportedDossierDto, principal: Principal) {
    assertInScope(principal, item.agencyCode);
    const receivedAt = new Date(item.receivedAt);
    const times = [receivedAt, ...item.actions.map((a) => new Date(a.at))];
    if (
      times.some((t, i) => i > 0 && t.getTime() < times[i - 1].getTime()) ||
      times.at(-1)!.getTime() > Date.now()
    ) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'history-out-of-order',
        localized(
          'Actions must be in time order, after receipt, and not in the future.',
          'Các thao tác phải theo thứ tự thời gian, sau khi tiếp nhận và không ở tương lai.',
        ),
      );
    }
    const { code } = await this.dossiers.receive(manager, item, {
      receivedAt,
      actor: principal,
      imported: true,
    });
    for (const action of item.actions) {
      await this.actWithin(manager, code, action, principal, new Date(action.at));
    }
    return code;
  }

  private async lockVisible(
    manager: EntityManager,
    code: string,
    principal: Principal,
  ): Promise<DossierEntity> {
    const dossier = await manager.findOne(DossierEntity, {
      where: { code },
      lock: { mode: 'pessimistic_write' },
    });
    if (!dossier || !principalReaches(principal, dossierScope(dossier))) throw dossierNotFound(code);
    return dossier;
  }
}

/** The whole batch refused: one status when every refused item agrees on it, else 422; each item named. */
function importRefused(
  refused: Array<{ index: number; status: number; slug: string; detail: LocalizedText }>,
) {
  const statuses = new Set(refused.map((r) => r.status));
  const items = refused.map((r) => `dossiers[${r.index}]`).join(', ');
  return new ProblemException(
    statuses.size === 1 ? refused[0].status : HttpStatus.UNPROCESSABLE_ENTITY,
    'import-refused',
    localized(
      `Nothing was imported: ${refused.length} dossier${refused.length === 1 ? '' : 's'} of the batch ${refused.length === 1 ? 'was' : 'were'} refused (${items}).`,
      `Không hồ sơ nào được nhập: ${refused.length} hồ sơ của lô bị từ chối (${items}).`,
    ),
    refused.map((r) => ({
      field: `dossiers[${r.index}]`,
      message: localized(`${r.status} ${r.slug}: ${r.detail.en}`, `${r.status} ${r.slug}: ${r.detail.vi}`),
    })),
    { refused },
  );
}
