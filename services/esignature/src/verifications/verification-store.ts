import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pageOf } from '@motcua/persistence';
import {
  agencyCovers,
  agencySubtreeLikePattern,
  isAgencyCode,
  NATIONAL_SCOPE,
  Principal,
} from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { signatureCountOf, type VerificationReport } from '../verification/verifier';
import { VerificationEntity } from './verification.entity';

export interface VerificationView extends VerificationReport {
  id: string;
  documentId: string | null;
  sha256: string;
  verifiedAt: string;
  /** 0: an unsigned file; absent when the file could not be read. */
  signatureCount?: number;
  trustGeneration: number;
  /** The report this one repeats, for a document filled by reuse of the same bytes. */
  reusedFrom?: string;
}

export const verificationView = (row: VerificationEntity): VerificationView => {
  const signatureCount = signatureCountOf(row.report);
  return {
    id: row.id,
    documentId: row.documentId,
    sha256: row.sha256,
    verifiedAt: row.verifiedAt.toISOString(),
    ...row.report,
    ...(signatureCount === undefined ? {} : { signatureCount }),
    trustGeneration: Number(row.trustGeneration),
    ...(row.reusedFrom ? { reusedFrom: row.reusedFrom } : {}),
  };
};

export interface NewVerification {
  documentId: string | null;
  agencyCode: string | null;
  sha256: string;
  report: VerificationReport;
  trustGeneration: number;
  requestedBy: string;
  reusedFrom?: string;
  /** The issuers of a repeated report (its row's); otherwise taken from the report's signatures. */
  certificateIssuers?: string[];
}

/** The report as stored and shown: the path issuers live in their own column. */
function withoutPathIssuers(report: VerificationReport): VerificationReport {
  return {
    ...report,
    signatures: report.signatures.map(({ pathIssuers: _pathIssuers, ...signature }) => signature),
  };
}

const issuersOf = (report: VerificationReport): string[] => [
  ...new Set(report.signatures.flatMap((signature) => signature.pathIssuers ?? [])),
];

export interface VerificationPage {
  page: number;
  pageSize: number;
  total: number;
  items: VerificationView[];
}

/** Stores reports (append-only) and finds them again. */
@Injectable()
export class VerificationStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts a report; for a document, only the first report of (documentId, sha256, trustGeneration) is kept
   * and `created` says whether this one was.
   */
  async save(
    manager: EntityManager,
    input: NewVerification,
  ): Promise<{ verification: VerificationEntity; created: boolean }> {
    const id = randomUUID();
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(VerificationEntity)
      .values({
        id,
        documentId: input.documentId,
        agencyCode: input.agencyCode,
        sha256: input.sha256,
        kind: input.report.kind,
        indication: input.report.indication,
        subIndication: input.report.subIndication ?? null,
        report: withoutPathIssuers(input.report) as never,
        certificateIssuers: input.certificateIssuers ?? issuersOf(input.report),
        requestedBy: input.requestedBy,
        trustGeneration: String(input.trustGeneration),
        reusedFrom: input.reusedFrom ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = (inserted.raw as unknown[]).length > 0;
    const verification = created
      ? await manager.getRepository(VerificationEntity).findOneByOrFail({ id })
      : await manager.getRepository(VerificationEntity).findOneByOrFail({
          documentId: input.documentId!,
          sha256: input.sha256,
          trustGeneration: String(input.trustGeneration),
        });
    return { verification, created };
  }

  dataSourceTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The report of this file made under this trust-store generation, if any. */
  findForDocument(
    documentId: string,
    sha256: string,
    trustGeneration: number,
  ): Promise<VerificationEntity | null> {
    return this.dataSource
      .getRepository(VerificationEntity)
      .findOneBy({ documentId, sha256, trustGeneration: String(trustGeneration) });
  }

  /** A document's reports the caller's agency scope covers, latest first (an out-of-scope document: none). */
  async listForDocument(
    documentId: string,
    principal: Principal,
    page: number,
    pageSize: number,
  ): Promise<VerificationPage> {
    const empty = { page, pageSize, total: 0, items: [] };
    if (principal.agency !== NATIONAL_SCOPE && !isAgencyCode(principal.agency)) return empty;
    const query = this.dataSource
      .getRepository(VerificationEntity)
      .createQueryBuilder('v')
      .where('v.documentId = :documentId', { documentId });
    const pattern = agencySubtreeLikePattern(principal.agency);
    if (pattern) query.andWhere('v.agencyCode LIKE :pattern', { pattern });
    return pageOf(
      query.orderBy('v.verifiedAt', 'DESC').addOrderBy('v.trustGeneration', 'DESC').addOrderBy('v.id', 'ASC'),
      page,
      pageSize,
      verificationView,
    );
  }

  /** A report the caller's agency scope covers (404 otherwise, as if it did not exist). */
  async get(id: string, principal: Principal): Promise<VerificationEntity> {
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource.getRepository(VerificationEntity).findOneBy({ id })
      : null;
    if (!row || !agencyCovers(principal.agency, row.agencyCode ?? '')) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'verification-not-found',
        localized(`No verification ${id}.`, `Không có lần kiểm tra chữ ký ${id}.`),
      );
    }
    return row;
  }
}
