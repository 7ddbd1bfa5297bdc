import { HttpStatus, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pageOf } from '@motcua/persistence';
import { vietnamDateOf } from '@motcua/calendar';
import { createCloudEvent, DossierReceivedV1, EventTypes, topicOf } from '@motcua/contracts';
import {
  agencyCovers,
  agencySubtreeLikePattern,
  isCitizenOnly,
  Principal,
  principalReaches,
  ScopedResource,
} from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { OutboxRelay } from '@motcua/messaging';
import { requestFingerprint } from './canonical-json';
import { EVENT_SOURCE } from './dossier-events';
import { DossierRulesService, ProcedureRules } from './dossier-rules.service';
import { loadWorkflowState } from './dossier-state.store';
import { DossierComponentState, DossierEntity, PaymentStatus } from './dossier.entity';
import { DossierView, toDossierView } from './dossier.view';
import { CreateDossierDto } from './dto/create-dossier.dto';
import { ListDossiersQuery } from './dto/list-dossiers.query';
import { elapsedWorkingMinutes, initialState } from './workflow/dossier-workflow';
import { ONLINE_CONFIRMATION_WORKING_HOURS } from './workflow/online-confirmation';

export interface CreateDossierResult {
  dossier: DossierView;
  /** False when an Idempotency-Key replay returned the dossier made earlier. */
  created: boolean;
}

const RECEIVE_DOSSIER_SQL = 'SELECT * FROM intake_receive_dossier($1, $2, $3, $4, $5, $6, $7, $8, $9)';

interface ReceiveResultRow {
  r_code: string;
  /** False: the Idempotency-Key was taken earlier; r_code and r_request_hash are that request's. */
  r_created: boolean;
  r_request_hash: string;
  r_created_at: Date;
  r_updated_at: Date;
  r_version: number;
}

/** The dossier row under its column names, as `jsonb_populate_record(NULL::dossier, ...)` reads it. */
function dossierColumns(row: {
  procedureCode: string;
  procedureName: string;
  rulesEffectiveFrom: string;
  processingLimit: string;
  limitUnit: string;
  agencyCode: string;
  channel: string;
  status: string;
  receivedAt: Date;
  dueAt: Date | null;
  confirmationDueAt: Date | null;
  applicant: DossierEntity['applicant'];
  components: DossierComponentState[];
  results: unknown[];
  feeVnd: number;
  paymentStatus: PaymentStatus;
  imported: boolean;
  createdBy: string;
}): Record<string, unknown> {
  return {
    procedure_code: row.procedureCode,
    procedure_name: row.procedureName,
    rules_effective_from: row.rulesEffectiveFrom,
    processing_limit: row.processingLimit,
    limit_unit: row.limitUnit,
    agency_code: row.agencyCode,
    channel: row.channel,
    status: row.status,
    received_at: row.receivedAt,
    due_at: row.dueAt,
    confirmation_due_at: row.confirmationDueAt,
    applicant_id_number: row.applicant.idNumber,
    applicant_full_name: row.applicant.fullName,
    applicant_date_of_birth: row.applicant.dateOfBirth,
    applicant_sex: row.applicant.sex,
    applicant_phone: row.applicant.phone,
    applicant_email: row.applicant.email,
    applicant_address: row.applicant.address,
    components: row.components,
    results: row.results,
    fee_vnd: row.feeVnd,
    payment_status: row.paymentStatus,
    imported: row.imported,
    created_by: row.createdBy,
    version: 1,
  };
}

export function assertInScope(principal: Principal, agencyCode: string): void {
  if (!agencyCovers(principal.agency, agencyCode)) {
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'agency-out-of-scope',
      localized(
        `Agency ${agencyCode} is outside the agency on your credentials (${principal.agency}).`,
        `Cơ quan ${agencyCode} nằm ngoài phạm vi cơ quan trong thông tin đăng nhập (${principal.agency}).`,
      ),
    );
  }
}

/** A citizen_portal token files dossiers only for the citizen it names. */
export function assertFilesForOwnCitizen(principal: Principal, applicantIdNumber: string): void {
  if (isCitizenOnly(principal) && principal.citizenId !== applicantIdNumber) {
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'not-your-dossier',
      localized(
        'A citizen portal token files dossiers only for the citizen it names (its citizen_id claim).',
        'Mã truy cập của cổng dịch vụ công chỉ nộp hồ sơ cho đúng công dân mà nó ghi (claim citizen_id).',
      ),
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
    localized(
      `No dossier ${code} in your agency's scope.`,
      `Không có hồ sơ ${code} trong phạm vi cơ quan của bạn.`,
    ),
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
    const claim = idempotencyKey ? { clientId: principal.sub, key: idempotencyKey, fingerprint } : undefined;
    // One autocommit statement: the whole write is one round trip, its own transaction.
    const written = await this.write(this.dataSource, dto, {
      receivedAt: new Date(),
      actor: principal,
      imported: false,
      claim,
    }).catch(async (error: unknown) => {
      // The rules are judged before the key is claimed: a replay refused by a catalogue changed since its first
      // receipt still gets its dossier (or the 409 of another body).
      const earlier = claim && error instanceof ProblemException ? await this.earlierClaim(claim) : undefined;
      if (!earlier) throw error;
      return { earlier };
    });
    if ('earlier' in written) {
      if (written.earlier.requestHash !== fingerprint) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'idempotency-key-reused',
          localized(
            'This Idempotency-Key was already used with a different request body; use a new key for a new dossier.',
            'Idempotency-Key này đã được dùng với một nội dung khác; hãy dùng khoá mới cho hồ sơ mới.',
          ),
          [],
          { dossierCode: written.earlier.code },
        );
      }
      return { dossier: await this.view(written.earlier.code), created: false };
    }
    this.relay?.nudge();
    // Just written in this request: shown as inserted, without reading it back.
    return { dossier: toDossierView(written.dossier, new Date(), 0), created: true };
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
    const written = await this.write(manager, dto, options);
    if ('earlier' in written) throw new Error('receive without an Idempotency-Key cannot replay');
    return written.dossier;
  }

  /**
   * Everything that can be decided without the database is decided here (rules from the cache, clock, rows, the
   * event); then one call of `intake_receive_dossier` (migration 1764633616000) claims the key, takes the code and
   * writes the rows. The counter row is thus locked only for the server-side inserts and the commit.
   */
  private async write(
    queryable: Pick<EntityManager, 'query'>,
    dto: CreateDossierDto,
    options: {
      receivedAt: Date;
      actor: Principal;
      imported: boolean;
      claim?: { clientId: string; key: string; fingerprint: string };
    },
  ): Promise<{ dossier: DossierEntity } | { earlier: { code: string; requestHash: string } }> {
    const { receivedAt, actor, imported, claim } = options;
    const manager = queryable instanceof EntityManager ? queryable : undefined;
    const rules = await this.rules.procedureRulesAt(dto.procedureCode, receivedAt, manager);
    const officeHours = await this.rules.officeHoursOf(dto.agencyCode, manager);
    const components = this.componentsFor(rules, dto);
    const context = await this.rules.contextFor(officeHours, rules.limit, manager);
    const state = initialState(imported ? 'DIRECT' : dto.channel, receivedAt, context);
    const day = vietnamDateOf(receivedAt);
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
        ? context.calendar.dueForWorkingHours(receivedAt, ONLINE_CONFIRMATION_WORKING_HOURS, officeHours)
        : null,
      applicant,
      components,
      results: [],
      feeVnd: rules.feeVnd,
      paymentStatus: (rules.feeVnd > 0 ? 'UNPAID' : 'NOT_REQUIRED') as PaymentStatus,
      imported,
      createdBy: actor.sub,
    };
    const data: Omit<DossierReceivedV1, 'code'> = {
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
    // The code is not known yet: the function puts it into `subject`, `data.code` and `data.dossierCode`.
    const event = createCloudEvent({
      type: EventTypes.DossierReceivedV1,
      source: EVENT_SOURCE,
      subject: '',
      data: { code: '', ...data },
      time: receivedAt,
    });
    const [result]: ReceiveResultRow[] = await queryable.query(RECEIVE_DOSSIER_SQL, [
      day,
      JSON.stringify(dossierColumns(row)),
      JSON.stringify(state.clock.map((s) => ({ started_at: s.startedAt, ended_at: s.endedAt }))),
      JSON.stringify({
        action: imported ? 'IMPORT' : 'RECEIVE',
        from_status: null,
        to_status: state.status,
        actor: actor.sub,
        actor_agency: actor.agency,
        at: receivedAt,
        reason: null,
        due_at: state.dueAt,
        on_time_state: null,
        details: { channel: dto.channel, components },
      }),
      JSON.stringify(event),
      topicOf(event.type),
      claim?.clientId ?? null,
      claim?.key ?? null,
      claim?.fingerprint ?? null,
    ]);
    if (!result.r_created) return { earlier: { code: result.r_code, requestHash: result.r_request_hash } };
    // The row as the database now holds it: columns this insert left to their defaults, plus generated ones.
    const dossier = Object.assign(
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
        confirmedAt: null,
        confirmationLate: false,
        paidAt: null,
        satisfaction: null,
        complaint: false,
        feedbackAt: null,
      },
      row,
      {
        code: result.r_code,
        createdAt: result.r_created_at,
        updatedAt: result.r_updated_at,
        version: result.r_version,
      },
    );
    return { dossier };
  }

  private async earlierClaim(claim: {
    clientId: string;
    key: string;
  }): Promise<{ code: string; requestHash: string } | undefined> {
    const [row]: Array<{ dossier_code: string; request_hash: string }> = await this.dataSource.query(
      `SELECT dossier_code, request_hash FROM idempotency_key WHERE client_id = $1 AND key = $2 AND dossier_code <> ''`,
      [claim.clientId, claim.key],
    );
    return row && { code: row.dossier_code, requestHash: row.request_hash };
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
    const context = await this.rules.contextFor(officeHours, {
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
        localized(
          `Procedure ${rules.code} has no component ${unknown.join(', ')}.`,
          `Thủ tục ${rules.code} không có thành phần hồ sơ ${unknown.join(', ')}.`,
        ),
        unknown.map((code) => ({
          field: 'components',
          message: localized(`unknown component ${code}`, `không có thành phần hồ sơ ${code}`),
        })),
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
}
