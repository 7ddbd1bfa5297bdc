import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Logger } from 'pino';
import type { Principal } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { appendChange } from '@motcua/persistence';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import type { TrustSnapshot } from '../sandbox/verification-job';
import { EsignatureConfig } from '../config/esignature.config';
import { Certificate, RevocationList } from '../verification/certificates';
import { RevocationListEntity } from './revocation-list.entity';
import { TrustAnchorEntity, type TrustSource } from './trust-anchor.entity';

const CERTIFICATE_FILES = new Set(['.pem', '.crt', '.cer', '.der']);

/** The snapshot a verification runs with, and the trust-store generation it is (at least) current for. */
export interface GenerationSnapshot extends TrustSnapshot {
  generation: number;
}

/**
 * Called inside the transaction of a trust-store change, with the new generation: the documents area re-queues
 * the verifications the change may settle, atomically with the change.
 */
export type TrustChangeListener = (
  manager: EntityManager,
  generation: number,
  change: TrustChange,
) => Promise<void>;

/** What a change added or withdrew that listeners act on. */
export interface TrustChange {
  /** Issuers (RevocationList.issuerName) of the CRLs this change added. */
  crlIssuers: string[];
  /** Subjects (Certificate.subjectKey, the issuer form) of the anchors this change withdrew. */
  withdrawnSubjects?: string[];
}

/** Who makes a trust-store change: a national administrator, or the service loading TRUST_DIR at start. */
export type TrustActor = Pick<Principal, 'sub' | 'agency'> | null;

const DIRECTORY_ACTOR = 'system:trust-directory';

/**
 * The current generation, held (FOR SHARE) until the caller's transaction ends: a trust-store change waits for it,
 * so whatever the caller writes for this generation is visible to the change's re-queue, or the caller sees the
 * newer generation. Call it first in the transaction (the lock order: this row, then reports and jobs).
 */
export async function lockedTrustGeneration(manager: EntityManager): Promise<number> {
  const rows = (await manager.query('SELECT generation FROM trust_store_state WHERE id = 1 FOR SHARE')) as {
    generation: string;
  }[];
  return Number(rows[0]?.generation ?? 0);
}

/** The current generation, read in the caller's transaction when one is given. */
export async function currentTrustGeneration(manager: EntityManager | DataSource): Promise<number> {
  const rows = (await manager.query('SELECT generation FROM trust_store_state WHERE id = 1')) as {
    generation: string;
  }[];
  return Number(rows[0]?.generation ?? 0);
}

export interface AnchorView {
  fingerprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  source: TrustSource;
  addedAt: string;
}

export interface CrlView {
  sha256: string;
  issuer: string;
  thisUpdate: string;
  nextUpdate: string | null;
  source: TrustSource;
  addedAt: string;
}

const anchorView = (row: Omit<TrustAnchorEntity, 'der'>): AnchorView => ({
  fingerprint: row.fingerprint,
  subject: row.subject,
  notBefore: row.notBefore.toISOString(),
  notAfter: row.notAfter.toISOString(),
  source: row.source,
  addedAt: row.addedAt.toISOString(),
});

const crlView = (row: RevocationListEntity): CrlView => ({
  sha256: row.sha256,
  issuer: row.issuer,
  thisUpdate: row.thisUpdate.toISOString(),
  nextUpdate: row.nextUpdate?.toISOString() ?? null,
  source: row.source,
  addedAt: row.addedAt.toISOString(),
});

const unreadable = (what: string, error: unknown) =>
  new ProblemException(
    HttpStatus.BAD_REQUEST,
    `invalid-${what}`,
    localized(
      `The body is not a PEM or DER ${what}: ${(error as Error).message}`,
      `Nội dung yêu cầu không phải ${what} dạng PEM hoặc DER: ${(error as Error).message}`,
    ),
    [{ field: '', message: localized(`must be a PEM or DER ${what}`, `phải là ${what} dạng PEM hoặc DER`) }],
  );

/**
 * Pinned trust anchors and CRLs in Postgres. Loaded from TRUST_DIR at start and added through the admin
 * endpoints; every verification reads the current snapshot (cached by a version), so an addition takes
 * effect at once, on every replica, without a restart.
 */
@Injectable()
export class TrustStoreService implements OnApplicationBootstrap {
  private readonly logger: Logger;
  private cached?: GenerationSnapshot;
  private readonly listeners: TrustChangeListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: EsignatureConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'trust-store' });
  }

  /** Registers work to do in the transaction of every change (each call to addAnchors/addCrls that adds something). */
  onChange(listener: TrustChangeListener): void {
    this.listeners.push(listener);
  }

  /** The current trust-store generation (bumped by every added anchor or CRL). */
  generation(): Promise<number> {
    return currentTrustGeneration(this.dataSource);
  }

  /**
   * Inserts rows and, when any was new, bumps the generation and runs the listeners, all in one transaction:
   * the generation row lock orders concurrent changes.
   */
  private async change(
    insert: (manager: EntityManager) => Promise<number | { count: number; change: TrustChange }>,
    change: TrustChange = { crlIssuers: [] },
  ): Promise<void> {
    const generation = await this.dataSource.transaction(async (manager) => {
      const outcome = await insert(manager);
      const added = typeof outcome === 'number' ? outcome : outcome.count;
      if (typeof outcome !== 'number') change = outcome.change;
      if (added === 0) return undefined;
      const result = (await manager.query(
        'UPDATE trust_store_state SET generation = generation + 1 WHERE id = 1 RETURNING generation',
      )) as [{ generation: string }[], number] | { generation: string }[];
      // TypeORM returns [rows, count] for an UPDATE on Postgres.
      const rows = Array.isArray(result[0]) ? result[0] : (result as { generation: string }[]);
      const next = Number(rows[0].generation);
      for (const listener of this.listeners) await listener(manager, next, change);
      return next;
    });
    if (generation !== undefined) this.logger.info({ generation }, 'trust store changed');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.TRUST_DIR) await this.loadDirectory(this.config.TRUST_DIR);
  }

  /** Adds every certificate and CRL file of a directory (already known ones are skipped). */
  async loadDirectory(directory: string): Promise<{ anchors: number; crls: number }> {
    let anchors = 0;
    let crls = 0;
    for (const name of (await readdir(directory)).sort()) {
      const extension = extname(name).toLowerCase();
      const bytes = new Uint8Array(await readFile(join(directory, name)));
      try {
        if (extension === '.crl') crls += (await this.addCrls(bytes, 'DIRECTORY', null)).length;
        else if (CERTIFICATE_FILES.has(extension))
          anchors += (await this.addAnchors(bytes, 'DIRECTORY', null)).length;
      } catch (error) {
        // One bad file must not keep the others out; it is named in the log.
        this.logger.error({ file: name, err: error }, 'trust directory file not loaded');
      }
    }
    this.logger.info({ directory, anchors, crls }, 'trust directory loaded');
    return { anchors, crls };
  }

  async addAnchors(bytes: Uint8Array, source: TrustSource, actor: TrustActor): Promise<AnchorView[]> {
    let certificates: Certificate[];
    try {
      certificates = Certificate.parseMany(bytes);
    } catch (error) {
      throw unreadable('certificate', error);
    }
    await this.change(async (manager) => {
      let added = 0;
      for (const certificate of certificates) {
        // New, or (by an administrator only) a withdrawn anchor reinstated; TRUST_DIR never reinstates.
        const inserted = (await manager.query(
          `INSERT INTO trust_anchor (fingerprint, subject, not_before, not_after, der, source, added_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (fingerprint) DO UPDATE
              SET withdrawn_at = NULL, withdrawn_by = NULL, source = EXCLUDED.source,
                  added_by = EXCLUDED.added_by, added_at = now()
            WHERE trust_anchor.withdrawn_at IS NOT NULL AND EXCLUDED.source = 'ADMIN'
           RETURNING fingerprint`,
          [
            certificate.fingerprint,
            certificate.subject,
            certificate.notBefore,
            certificate.notAfter,
            Buffer.from(certificate.der),
            source,
            actor?.sub ?? null,
          ],
        )) as unknown[];
        if (inserted.length === 0) continue;
        added += 1;
        await appendChange(manager, {
          ...changeActor(actor),
          resource: 'trust-anchor',
          resourceId: certificate.fingerprint,
          action: 'CREATE',
          before: null,
          after: { subject: certificate.subject, notAfter: certificate.notAfter.toISOString(), source },
        });
      }
      return added;
    });
    const repository = this.dataSource.getRepository(TrustAnchorEntity);
    const views: AnchorView[] = [];
    for (const certificate of certificates)
      views.push(anchorView(await repository.findOneByOrFail({ fingerprint: certificate.fingerprint })));
    return views;
  }

  async addCrls(bytes: Uint8Array, source: TrustSource, actor: TrustActor): Promise<CrlView[]> {
    let lists: RevocationList[];
    try {
      lists = RevocationList.parseMany(bytes);
    } catch (error) {
      throw unreadable('crl', error);
    }
    const digests = lists.map((crl) => createHash('sha256').update(crl.der).digest('hex'));
    const crlIssuers: string[] = [];
    await this.change(
      async (manager) => {
        let added = 0;
        for (const [index, crl] of lists.entries()) {
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(RevocationListEntity)
            .values({
              sha256: digests[index],
              issuer: crl.issuerName,
              thisUpdate: crl.thisUpdate,
              nextUpdate: crl.nextUpdate ?? null,
              der: Buffer.from(crl.der),
              source,
              addedBy: actor?.sub ?? null,
            })
            .orIgnore()
            .returning(['sha256'])
            .execute();
          if ((inserted.raw as unknown[]).length > 0) {
            added += 1;
            crlIssuers.push(crl.issuerName);
            await appendChange(manager, {
              ...changeActor(actor),
              resource: 'crl',
              resourceId: digests[index],
              action: 'CREATE',
              before: null,
              after: { issuer: crl.issuerName, thisUpdate: crl.thisUpdate.toISOString(), source },
            });
          }
        }
        return added;
      },
      { crlIssuers },
    );
    const repository = this.dataSource.getRepository(RevocationListEntity);
    const views: CrlView[] = [];
    for (const sha256 of digests) views.push(crlView(await repository.findOneByOrFail({ sha256 })));
    return views;
  }

  /**
   * Withdraws an anchor: from the next verification on it anchors nothing, and (in the same transaction) every
   * document whose latest report's paths hold a certificate it issued is queued for re-verification, as for an
   * addition; each re-verification makes a new report and signature.verified event.
   */
  async withdrawAnchor(fingerprint: string, actor: NonNullable<TrustActor>): Promise<AnchorView> {
    let view: AnchorView | undefined;
    await this.change(async (manager) => {
      const row = await manager.findOne(TrustAnchorEntity, {
        where: { fingerprint },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.withdrawnAt) return 0;
      await manager.update(
        TrustAnchorEntity,
        { fingerprint },
        { withdrawnAt: new Date(), withdrawnBy: actor.sub },
      );
      await appendChange(manager, {
        ...changeActor(actor),
        resource: 'trust-anchor',
        resourceId: fingerprint,
        action: 'WITHDRAW',
        before: { subject: row.subject, notAfter: row.notAfter.toISOString(), source: row.source },
        after: null,
      });
      view = anchorView(row);
      return {
        count: 1,
        change: { crlIssuers: [], withdrawnSubjects: [Certificate.fromDer(row.der).subjectKey] },
      };
    });
    if (!view)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'trust-anchor-not-found',
        localized(
          `No trust anchor ${fingerprint} in force (unknown, or already withdrawn).`,
          `Không có chứng thư gốc tin cậy ${fingerprint} đang hiệu lực (không biết, hoặc đã bị rút).`,
        ),
      );
    return view;
  }

  async listAnchors(): Promise<AnchorView[]> {
    const rows = await this.dataSource.getRepository(TrustAnchorEntity).find({
      where: { withdrawnAt: IsNull() },
      order: { addedAt: 'ASC', fingerprint: 'ASC' },
    });
    return rows.map(anchorView);
  }

  async listCrls(): Promise<CrlView[]> {
    const rows = await this.dataSource
      .getRepository(RevocationListEntity)
      .find({ order: { addedAt: 'ASC', sha256: 'ASC' } });
    return rows.map(crlView);
  }

  /**
   * The current anchors and CRLs; re-read only when the generation changed (one small query otherwise). The rows
   * are read after the generation, so they are at least that generation's (a newer change re-queues anyway).
   */
  async snapshot(): Promise<GenerationSnapshot> {
    const generation = await this.generation();
    if (this.cached?.generation === generation) return this.cached;
    const [anchors, crls] = await Promise.all([
      this.dataSource
        .getRepository(TrustAnchorEntity)
        .find({ select: { der: true }, where: { withdrawnAt: IsNull() } }),
      this.dataSource.getRepository(RevocationListEntity).find({ select: { der: true } }),
    ]);
    this.cached = {
      generation,
      version: String(generation),
      anchors: anchors.map((row) => new Uint8Array(row.der)),
      crls: crls.map((row) => new Uint8Array(row.der)),
    };
    return this.cached;
  }
}

function changeActor(actor: TrustActor): { actor: string; actorAgency: string | null } {
  return actor
    ? { actor: actor.sub, actorAgency: actor.agency }
    : { actor: DIRECTORY_ACTOR, actorAgency: null };
}
