import { HttpStatus, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pageOf } from '@motcua/persistence';
import { vietnamDateOf } from '@motcua/calendar';
import { createCloudEvent, DossierReceivedV1, EventTypes } from '@motcua/contracts';
import {
  agencyCovers,
  agencySubtreeLikePattern,
  isCitizenOnly,
  Principal,
  principalReaches,
  ScopedResource,
} from '@motcua/auth';
import { ProblemException } from '@motcua/http';
import { appendToOutbox, OutboxRelay } from '@motcua/messaging';
import { requestFingerprint } from './canonical-json';
import { formatDossierCode } from './dossier-code';
import { EVENT_SOURCE } from './dossier-events';
import { DossierRulesService, ProcedureRules } from './dossier-rules.service';
import { appendAction, loadWorkflowState, saveClock } from './dossier-state.store';
import { DossierComponentState, DossierEntity, PaymentStatus } from './dossier.entity';
import { DossierView, toDossierView } from './dossier.view';
import { CreateDossierDto } from './dto/create-dossier.dto';
import { ListDossiersQuery } from './dto/list-dossiers.query';
import { elapsedWorkingMinutes, initialState } from './workflow/dossier-workflow';

export interface CreateDossierResult {
  dossier: DossierView;
  /** False when an Idempotency-Key replay returned the dossier made earlier. */
  created: boolean;
}

/** Online dossiers must be accepted or answered within this many working hours (Decree 45/2020). */
const ONLINE_CONFIRMATION_WORKING_HOURS = 8;

export function assertInScope(principal: Principal, agencyCode: string): void {
  if (!agencyCovers(principal.agency, agencyCode)) {
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'agency-out-of-scope',
      `Agency ${agencyCode} is outside the agency on your credentials (${principal.agency}).`,
    );
  }
}

/** A citizen_portal token files dossiers only for the citizen it names. */
export function assertFilesForOwnCitizen(principal: Principal, applicantIdNumber: string): void {
  if (isCitizenOnly(principal) && principal.citizenId !== applicantIdNumber) {
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'not-your-dossier',
      'A citizen portal token files dossiers only for the citizen it names (its citizen_id claim).',
    );
  }
}

/** What access to a stored dossier depends on (its agency subtree; its applicant for citizen tokens). */
export function dossierScope(dossier: DossierEntity): ScopedResource {
  return { agencyCode: dossier.agencyCode, applicantIdNumber: dossier.applicant.idNumber };
}

export function dossierNotFound(code: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'dossier-not-found',
    `No dossier ${code} in your agency's scope.`,
  );
}

@Injectable()
export class DossierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: DossierRulesService,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async create(
    dto: CreateDossierDto,
    principal: Principal,
    idempotencyKey?: string,
  ): Promise<CreateDossierResult> {
    assertInScope(principal, dto.agencyCode);
    assertFilesForOwnCitizen(principal, dto.applicant.idNumber);
    const fingerprint = requestFingerprint(dto);
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (idempotencyKey) {
        const earlier = await this.claimIdempotencyKey(manager, principal.sub, idempotencyKey, fingerprint);
        if (earlier) return { code: earlier, dossier: undefined };
      }
      const dossier = await this.receive(manager, dto, {
        receivedAt: new Date(),
        actor: principal,
        imported: false,
      });
      const code = dossier.code;
      if (idempotencyKey) {
        await manager.query(
          'UPDATE idempotency_key SET dossier_code = $3 WHERE client_id = $1 AND key = $2',
          [principal.sub, idempotencyKey, code],
        );
      }
      return { code, dossier };
    });
    if (!outcome.dossier) return { dossier: await this.view(outcome.code), created: false };
    this.relay?.nudge();
    // Just written in this request: shown as inserted, without reading it back.
    return { dossier: toDossierView(outcome.dossier, new Date(), 0), created: true };
  }

  /**
   * Enters a dossier: code, rules in force at receipt, the SLA clock, the first line of the control sheet and the
   * received event, all in the caller's transaction. Imported dossiers were accepted by the legacy system, so they
   * start RECEIVED whatever their channel.
   */
  async receive(
    manager: EntityManager,
    dto: CreateDossierDto,
    options: { receivedAt: Date; actor: Principal; imported: boolean },
  ): Promise<DossierEntity> {
    const { receivedAt, actor, imported } = options;
    const rules = await this.rules.procedureRulesAt(dto.procedureCode, receivedAt, manager);
    const officeHours = await this.rules.officeHoursOf(dto.agencyCode, manager);
    const components = this.componentsFor(rules, dto);
    const context = this.rules.contextFor(officeHours, rules.limit);
    const state = initialState(imported ? 'DIRECT' : dto.channel, receivedAt, context);
    const day = vietnamDateOf(receivedAt);
    const [{ last_value: sequence }]: Array<{ last_value: number }> = await manager.query(
      `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
       RETURNING last_value`,
      [dto.agencyCode, day],
    );
    const code = formatDossierCode(dto.agencyCode, day, sequence);
    const applicant = {
      idNumber: dto.applicant.idNumber,
      fullName: dto.applicant.fullName.normalize('NFC').trim().replace(/\s+/g, ' '),
      dateOfBirth: dto.applicant.dateOfBirth,
      sex: dto.applicant.sex ?? null,
      phone: dto.applicant.phone ?? null,
      email: dto.applicant.email ?? null,
      address: dto.applicant.address ?? null,
    };
    const online = dto.channel === 'ONLINE' && !imported;
    const row = {
      code,
      procedureCode: rules.code,
      procedureName: rules.name,
      rulesEffectiveFrom: rules.effectiveFrom,
      processingLimit: String(rules.limit.value),
      limitUnit: rules.limit.unit,
      agencyCode: dto.agencyCode,
      channel: dto.channel,
      status: state.status,
      receivedAt,
      dueAt: state.dueAt,
      confirmationDueAt: online
        ? this.rules.calendar.dueForWorkingHours(receivedAt, ONLINE_CONFIRMATION_WORKING_HOURS, officeHours)
        : null,
      applicant,
      components,
      results: [],
      feeVnd: rules.feeVnd,
      paymentStatus: (rules.feeVnd > 0 ? 'UNPAID' : 'NOT_REQUIRED') as PaymentStatus,
      imported,
      createdBy: actor.sub,
    };
    const inserted = await manager.insert(DossierEntity, row);
    await saveClock(manager, code, state.clock);
    await appendAction(manager, {
      dossierCode: code,
      seq: 1,
      action: imported ? 'IMPORT' : 'RECEIVE',
      fromStatus: null,
      toStatus: state.status,
      actor: actor.sub,
      actorAgency: actor.agency,
      at: receivedAt,
      reason: null,
      dueAt: state.dueAt,
      onTimeState: null,
      details: { channel: dto.channel, components },
    });
    const data: DossierReceivedV1 = {
      code,
      procedureCode: rules.code,
      agencyCode: dto.agencyCode,
      channel: dto.channel,
      status: state.status,
      receivedAt: receivedAt.toISOString(),
      dueAt: state.dueAt ? state.dueAt.toISOString() : null,
      applicant: Object.fromEntries(
        Object.entries(applicant).filter(([, v]) => v !== null),
      ) as unknown as DossierReceivedV1['applicant'],
      imported,
    };
    await appendToOutbox(manager, [
      createCloudEvent({
        type: EventTypes.DossierReceivedV1,
        source: EVENT_SOURCE,
        subject: code,
        data,
        time: receivedAt,
      }),
    ]);
    // The row as the database now holds it: columns this insert left to their defaults, plus generated ones.
    return Object.assign(
      new DossierEntity(),
      {
        applicantVerificationStatus: 'PENDING',
        applicantVerificationMismatches: [],
        resumeStatus: null,
        supplementRequests: 0,
        apologized: false,
        lateByRule: false,
        finishedAt: null,
        acceptedAt: null,
        paidAt: null,
        satisfaction: null,
        complaint: false,
        feedbackAt: null,
      },
      row,
      inserted.generatedMaps[0],
    );
  }

  async findVisible(code: string, principal: Principal): Promise<DossierView> {
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ code });
    // Outside the caller's scope looks the same as absent: no probing for codes.
    if (!dossier || !principalReaches(principal, dossierScope(dossier))) throw dossierNotFound(code);
    return this.viewOf(dossier);
  }

  async list(query: ListDossiersQuery, principal: Principal) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const builder = this.dataSource.getRepository(DossierEntity).createQueryBuilder('d');
    const like = agencySubtreeLikePattern(principal.agency);
    if (like) builder.andWhere('d.agency_code LIKE :like', { like });
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    if (query.procedureCode)
      builder.andWhere('d.procedure_code = :procedure', { procedure: query.procedureCode });
    if (query.receivedFrom)
      builder.andWhere('d.received_at >= :from', { from: new Date(query.receivedFrom) });
    if (query.receivedTo) builder.andWhere('d.received_at < :to', { to: new Date(query.receivedTo) });
    const now = new Date();
    return pageOf(
      builder.orderBy('d.received_at', 'DESC').addOrderBy('d.code', 'DESC'),
      page,
      pageSize,
      (row) => toDossierView(row, now),
    );
  }

  async view(code: string): Promise<DossierView> {
    return this.viewOf(await this.dataSource.getRepository(DossierEntity).findOneByOrFail({ code }));
  }

  private async viewOf(dossier: DossierEntity): Promise<DossierView> {
    const now = new Date();
    const state = await loadWorkflowState(this.dataSource.manager, dossier);
    const officeHours = await this.rules.officeHoursOf(dossier.agencyCode);
    const context = this.rules.contextFor(officeHours, {
      value: Number(dossier.processingLimit),
      unit: dossier.limitUnit,
    });
    return toDossierView(dossier, now, elapsedWorkingMinutes(state.clock, now, context));
  }

  /** The procedure's component list with what the applicant brought; a code the procedure does not know is refused. */
  private componentsFor(rules: ProcedureRules, dto: CreateDossierDto): DossierComponentState[] {
    const given = new Map((dto.components ?? []).map((c) => [c.code, c.provided]));
    const known = new Set(rules.components.map((c) => c.code));
    const unknown = [...given.keys()].filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'unknown-component',
        `Procedure ${rules.code} has no component ${unknown.join(', ')}.`,
        unknown.map((code) => ({ field: 'components', message: `unknown component ${code}` })),
      );
    }
    return rules.components.map((c) => ({
      code: c.code,
      name: c.name,
      required: c.required,
      signatureRequired: c.signatureRequired,
      provided: given.get(c.code) ?? false,
    }));
  }

  /**
   * Takes the key for this request, or returns the dossier code an earlier request with it produced.
   * A concurrent request with the same key waits on the key's row until the first commits.
   */
  private async claimIdempotencyKey(
    manager: EntityManager,
    clientId: string,
    key: string,
    fingerprint: string,
  ): Promise<string | undefined> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (client_id, key, request_hash, dossier_code)
       VALUES ($1, $2, $3, '') ON CONFLICT DO NOTHING RETURNING key`,
      [clientId, key, fingerprint],
    );
    if (claimed.length > 0) return undefined;
    const [earlier]: Array<{ request_hash: string; dossier_code: string }> = await manager.query(
      'SELECT request_hash, dossier_code FROM idempotency_key WHERE client_id = $1 AND key = $2',
      [clientId, key],
    );
    if (earlier.request_hash !== fingerprint) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'idempotency-key-reused',
        'This Idempotency-Key was already used with a different request body; use a new key for a new dossier.',
        [],
        { dossierCode: earlier.dossier_code },
      );
    }
    return earlier.dossier_code;
  }
}
