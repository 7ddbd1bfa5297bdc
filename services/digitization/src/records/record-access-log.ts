import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pageNewestFirst } from '@motcua/persistence';
import { agencySubtreeLikePattern, Principal } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { RecordAccessEntity } from './record-access.entity';
import { RecordAccessLogQuery } from './record-queries';

export interface RecordAccess {
  principal: Principal;
  purpose: string;
  dossierAgency: string | null;
  idNumber: string;
  resultCount: number;
  outcome?: 'GRANTED' | 'REFUSED';
}

export interface RecordAccessView {
  id: string;
  at: string;
  actor: string;
  actorRoles: string[];
  actorAgency: string;
  purpose: string;
  dossierAgency: string | null;
  idNumber: string;
  resultCount: number;
  outcome: string;
}

/** One lookup of a citizen's e-records, as the citizen sees it (their own ID number is implied). */
export interface OwnRecordAccessView {
  at: string;
  actor: string;
  actorAgency: string;
  dossierCode: string;
  fields: string[];
  resultCount: number;
  outcome: string;
}

/** Writes and reads the append-only log of e-record store lookups (the personal-data processing record). */
const EITHER_FILTER = localized('idNumber or purpose is required', 'cần idNumber hoặc purpose');

@Injectable()
export class RecordAccessLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one row in the caller's transaction, so the records are only returned if their access is logged. */
  async record(entry: RecordAccess, manager: EntityManager): Promise<void> {
    await manager.insert(RecordAccessEntity, {
      actor: entry.principal.sub,
      actorRoles: [...entry.principal.roles],
      actorAgency: entry.principal.agency,
      purpose: entry.purpose,
      dossierAgency: entry.dossierAgency,
      idNumber: entry.idNumber,
      resultCount: entry.resultCount,
      outcome: entry.outcome ?? 'GRANTED',
    });
  }

  /**
   * Newest first. An auditor sees the lookups made by callers of their agency subtree and those made for dossiers
   * of it (a portal lookup for one of the agency's dossiers included).
   */
  async list(query: RecordAccessLogQuery, principal: Principal) {
    if (!query.idNumber && !query.purpose) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        localized(
          'Filter the access log by idNumber, purpose or both.',
          'Hãy lọc nhật ký truy cập theo idNumber, purpose hoặc cả hai.',
        ),
        [
          { field: 'idNumber', in: 'query', message: EITHER_FILTER },
          { field: 'purpose', in: 'query', message: EITHER_FILTER },
        ],
      );
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const builder = this.dataSource.getRepository(RecordAccessEntity).createQueryBuilder('a');
    if (query.idNumber) builder.andWhere('a.idNumber = :idNumber', { idNumber: query.idNumber });
    if (query.purpose) builder.andWhere('a.purpose = :purpose', { purpose: query.purpose });
    const scope = agencySubtreeLikePattern(principal.agency);
    if (scope !== undefined)
      builder.andWhere('(a.actorAgency LIKE :scope OR a.dossierAgency LIKE :scope)', { scope });
    return pageNewestFirst(builder, page, pageSize, toView);
  }

  /** Who looked up the citizen's e-records (or was refused), when and for which dossier; newest first. */
  ownAccesses(citizenId: string, page: number, pageSize: number) {
    const builder = this.dataSource
      .getRepository(RecordAccessEntity)
      .createQueryBuilder('a')
      .where('a.idNumber = :citizenId', { citizenId });
    return pageNewestFirst(builder, page, pageSize, (row): OwnRecordAccessView => ({
      at: row.at.toISOString(),
      actor: row.actor,
      actorAgency: row.actorAgency,
      dossierCode: row.purpose,
      // A lookup returns the records' metadata and extracted data (never the files).
      fields: row.outcome === 'GRANTED' ? ['records'] : [],
      resultCount: row.resultCount,
      outcome: row.outcome,
    }));
  }
}

function toView(row: RecordAccessEntity): RecordAccessView {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    actorRoles: row.actorRoles,
    actorAgency: row.actorAgency,
    purpose: row.purpose,
    dossierAgency: row.dossierAgency,
    idNumber: row.idNumber,
    resultCount: row.resultCount,
    outcome: row.outcome,
  };
}
