import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { agencyCovers, Principal } from '@motcua/auth';
import { ProblemException } from '@motcua/http';
import type { VerificationReport } from '../verification/verifier';
import { VerificationEntity } from './verification.entity';

export interface VerificationView extends VerificationReport {
  id: string;
  documentId: string | null;
  sha256: string;
  verifiedAt: string;
}

export const verificationView = (row: VerificationEntity): VerificationView => ({
  id: row.id,
  documentId: row.documentId,
  sha256: row.sha256,
  verifiedAt: row.verifiedAt.toISOString(),
  ...row.report,
});

export interface NewVerification {
  documentId: string | null;
  agencyCode: string | null;
  sha256: string;
  report: VerificationReport;
  requestedBy: string;
}

/** Stores reports (append-only) and finds them again. */
@Injectable()
export class VerificationStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts a report; for a document, only the first report of (documentId, sha256) is kept and
   * `created` says whether this one was.
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
        report: input.report as never,
        requestedBy: input.requestedBy,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = (inserted.raw as unknown[]).length > 0;
    const verification = created
      ? await manager.getRepository(VerificationEntity).findOneByOrFail({ id })
      : await manager
          .getRepository(VerificationEntity)
          .findOneByOrFail({ documentId: input.documentId!, sha256: input.sha256 });
    return { verification, created };
  }

  dataSourceTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findForDocument(documentId: string, sha256: string): Promise<VerificationEntity | null> {
    return this.dataSource.getRepository(VerificationEntity).findOneBy({ documentId, sha256 });
  }

  /** A report the caller's agency scope covers (404 otherwise, as if it did not exist). */
  async get(id: string, principal: Principal): Promise<VerificationEntity> {
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource.getRepository(VerificationEntity).findOneBy({ id })
      : null;
    if (!row || !agencyCovers(principal.agency, row.agencyCode ?? '')) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'verification-not-found', `No verification ${id}.`);
    }
    return row;
  }
}
