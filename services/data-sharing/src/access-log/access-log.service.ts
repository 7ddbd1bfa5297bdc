import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pageNewestFirst } from '@motcua/persistence';
import { agencySubtreeLikePattern, Principal } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { AccessSource, RegistryAccessEntity } from './registry-access.entity';

export interface AccessRecord {
  actor: string;
  actorAgency: string | null;
  purpose: string;
  idNumber: string;
  fieldsReturned: string[];
  source: AccessSource;
  outcome: string;
  at?: Date;
}

export interface AccessLogQuery {
  idNumber?: string;
  dossierCode?: string;
  page?: number;
  pageSize?: number;
}

export interface AccessLogView {
  id: string;
  at: string;
  actor: string;
  actorAgency: string | null;
  purpose: string;
  idNumber: string;
  fieldsReturned: string[];
  source: AccessSource;
  outcome: string;
}

/** Writes and reads the append-only registry access log (the personal-data processing record). */
const EITHER_FILTER = localized('idNumber or dossierCode is required', 'cần idNumber hoặc dossierCode');

@Injectable()
export class AccessLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one access row; pass the caller's transaction so the row commits with what it records. */
  async record(entry: AccessRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(RegistryAccessEntity, {
      actor: entry.actor,
      actorAgency: entry.actorAgency,
      purpose: entry.purpose,
      idNumber: entry.idNumber,
      fieldsReturned: [...new Set(entry.fieldsReturned)],
      source: entry.source,
      outcome: entry.outcome,
      ...(entry.at ? { at: entry.at } : {}),
    });
  }

  async list(query: AccessLogQuery, principal: Principal) {
    if (!query.idNumber && !query.dossierCode) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        localized(
          'Filter the access log by idNumber, dossierCode or both.',
          'Hãy lọc nhật ký truy cập theo idNumber, dossierCode hoặc cả hai.',
        ),
        [
          { field: 'idNumber', in: 'query', message: EITHER_FILTER },
          { field: 'dossierCode', in: 'query', message: EITHER_FILTER },
        ],
      );
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const builder = this.dataSource.getRepository(RegistryAccessEntity).createQueryBuilder('a');
    if (query.idNumber) builder.andWhere('a.idNumber = :idNumber', { idNumber: query.idNumber });
    if (query.dossierCode) builder.andWhere('a.purpose = :purpose', { purpose: query.dossierCode });
    const scope = agencySubtreeLikePattern(principal.agency);
    if (scope !== undefined) builder.andWhere('a.actorAgency LIKE :scope', { scope });
    return pageNewestFirst(builder, page, pageSize, toView);
  }

  /** Who read the citizen's registry data (or was refused), when, for which dossier and which fields; newest first. */
  ownAccesses(citizenId: string, page: number, pageSize: number) {
    const builder = this.dataSource
      .getRepository(RegistryAccessEntity)
      .createQueryBuilder('a')
      .where('a.idNumber = :citizenId', { citizenId });
    return pageNewestFirst(builder, page, pageSize, (row): OwnAccessView => ({
      at: row.at.toISOString(),
      actor: row.actor,
      actorAgency: row.actorAgency,
      dossierCode: row.purpose,
      fields: row.fieldsReturned,
      outcome: row.outcome,
    }));
  }
}

/** One access to a citizen's registry data, as the citizen sees it (their own ID number is implied). */
export interface OwnAccessView {
  at: string;
  actor: string;
  actorAgency: string | null;
  dossierCode: string;
  fields: string[];
  outcome: string;
}

function toView(row: RegistryAccessEntity): AccessLogView {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    actorAgency: row.actorAgency,
    purpose: row.purpose,
    idNumber: row.idNumber,
    fieldsReturned: row.fieldsReturned,
    source: row.source,
    outcome: row.outcome,
  };
}
