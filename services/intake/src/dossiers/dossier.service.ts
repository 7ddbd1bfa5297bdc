import { HttpStatus, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { createCloudEvent, DossierReceivedV1, EventTypes } from '@motcua/contracts';
import { agencyCovers, Principal } from '@motcua/auth';
import { ProblemException } from '@motcua/http';
import { appendToOutbox, OutboxRelay } from '@motcua/messaging';
import { requestFingerprint } from './canonical-json';
import { formatDossierCode, vietnamDay } from './dossier-code';
import { DossierEntity } from './dossier.entity';
import { DossierView, toDossierView } from './dossier.view';
import { CreateDossierDto } from './dto/create-dossier.dto';

export const EVENT_SOURCE = '/motcua/intake';

export interface CreateDossierResult {
  dossier: DossierView;
  /** False when an Idempotency-Key replay returned the dossier made earlier. */
  created: boolean;
}

@Injectable()
export class DossierService {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async create(
    dto: CreateDossierDto,
    principal: Principal,
    idempotencyKey?: string,
  ): Promise<CreateDossierResult> {
    if (!agencyCovers(principal.agency, dto.agencyCode)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'agency-out-of-scope',
        `Agency ${dto.agencyCode} is outside the agency on your credentials (${principal.agency}).`,
      );
    }
    const fingerprint = requestFingerprint(dto);
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (idempotencyKey) {
        const earlier = await this.claimIdempotencyKey(manager, principal.sub, idempotencyKey, fingerprint);
        if (earlier) return { code: earlier, created: false };
      }
      const code = await this.insertDossier(manager, dto, principal);
      if (idempotencyKey) {
        await manager.query(
          'UPDATE idempotency_key SET dossier_code = $3 WHERE client_id = $1 AND key = $2',
          [principal.sub, idempotencyKey, code],
        );
      }
      return { code, created: true };
    });
    if (outcome.created) this.relay?.nudge();
    const dossier = await this.dataSource
      .getRepository(DossierEntity)
      .findOneByOrFail({ code: outcome.code });
    return { dossier: toDossierView(dossier), created: outcome.created };
  }

  async findVisible(code: string, principal: Principal): Promise<DossierView> {
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ code });
    // Outside the caller's scope looks the same as absent: no probing for codes.
    if (!dossier || !agencyCovers(principal.agency, dossier.agencyCode)) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'dossier-not-found',
        `No dossier ${code} in your agency's scope.`,
      );
    }
    return toDossierView(dossier);
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

  private async insertDossier(
    manager: EntityManager,
    dto: CreateDossierDto,
    principal: Principal,
  ): Promise<string> {
    const receivedAt = new Date();
    const day = vietnamDay(receivedAt);
    const [{ last_value: sequence }]: Array<{ last_value: number }> = await manager.query(
      `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
       RETURNING last_value`,
      [dto.agencyCode, day],
    );
    const code = formatDossierCode(dto.agencyCode, day, sequence);
    const status = dto.channel === 'ONLINE' ? 'SUBMITTED' : 'RECEIVED';
    const applicant = {
      idNumber: dto.applicant.idNumber,
      fullName: dto.applicant.fullName.normalize('NFC').trim(),
      dateOfBirth: dto.applicant.dateOfBirth,
      sex: dto.applicant.sex ?? null,
      phone: dto.applicant.phone ?? null,
      email: dto.applicant.email ?? null,
      address: dto.applicant.address ?? null,
    };
    await manager.insert(DossierEntity, {
      code,
      procedureCode: dto.procedureCode,
      agencyCode: dto.agencyCode,
      channel: dto.channel,
      status,
      receivedAt,
      dueAt: null,
      applicant,
      components: (dto.components ?? []).map((c) => ({ code: c.code, provided: c.provided })),
      createdBy: principal.sub,
    });
    const data: DossierReceivedV1 = {
      code,
      procedureCode: dto.procedureCode,
      agencyCode: dto.agencyCode,
      channel: dto.channel,
      status,
      receivedAt: receivedAt.toISOString(),
      dueAt: null,
      applicant: Object.fromEntries(
        Object.entries(applicant).filter(([, v]) => v !== null),
      ) as unknown as DossierReceivedV1['applicant'],
      imported: false,
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
    return code;
  }
}
