import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { ProblemException } from '@motcua/http';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import type { TrustSnapshot } from '../sandbox/verification-job';
import { EsignatureConfig } from '../config/esignature.config';
import { Certificate, RevocationList } from '../verification/certificates';
import { RevocationListEntity } from './revocation-list.entity';
import { TrustAnchorEntity, type TrustSource } from './trust-anchor.entity';

const CERTIFICATE_FILES = new Set(['.pem', '.crt', '.cer', '.der']);

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

const anchorView = (row: TrustAnchorEntity): AnchorView => ({
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
    `The body is not a PEM or DER ${what}: ${(error as Error).message}`,
    [{ field: 'body', message: `must be a PEM or DER ${what}` }],
  );

/**
 * Pinned trust anchors and CRLs in Postgres. Loaded from TRUST_DIR at start and added through the admin
 * endpoints; every verification reads the current snapshot (cached by a version), so an addition takes
 * effect at once, on every replica, without a restart.
 */
@Injectable()
export class TrustStoreService implements OnApplicationBootstrap {
  private readonly logger: Logger;
  private cached?: TrustSnapshot;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: EsignatureConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'trust-store' });
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

  async addAnchors(bytes: Uint8Array, source: TrustSource, addedBy: string | null): Promise<AnchorView[]> {
    let certificates: Certificate[];
    try {
      certificates = Certificate.parseMany(bytes);
    } catch (error) {
      throw unreadable('certificate', error);
    }
    const repository = this.dataSource.getRepository(TrustAnchorEntity);
    const views: AnchorView[] = [];
    for (const certificate of certificates) {
      await repository
        .createQueryBuilder()
        .insert()
        .values({
          fingerprint: certificate.fingerprint,
          subject: certificate.subject,
          notBefore: certificate.notBefore,
          notAfter: certificate.notAfter,
          der: Buffer.from(certificate.der),
          source,
          addedBy,
        })
        .orIgnore()
        .execute();
      views.push(anchorView(await repository.findOneByOrFail({ fingerprint: certificate.fingerprint })));
    }
    return views;
  }

  async addCrls(bytes: Uint8Array, source: TrustSource, addedBy: string | null): Promise<CrlView[]> {
    let lists: RevocationList[];
    try {
      lists = RevocationList.parseMany(bytes);
    } catch (error) {
      throw unreadable('crl', error);
    }
    const repository = this.dataSource.getRepository(RevocationListEntity);
    const views: CrlView[] = [];
    for (const crl of lists) {
      const sha256 = createHash('sha256').update(crl.der).digest('hex');
      await repository
        .createQueryBuilder()
        .insert()
        .values({
          sha256,
          issuer: crl.issuerName,
          thisUpdate: crl.thisUpdate,
          nextUpdate: crl.nextUpdate ?? null,
          der: Buffer.from(crl.der),
          source,
          addedBy,
        })
        .orIgnore()
        .execute();
      views.push(crlView(await repository.findOneByOrFail({ sha256 })));
    }
    return views;
  }

  async listAnchors(): Promise<AnchorView[]> {
    const rows = await this.dataSource
      .getRepository(TrustAnchorEntity)
      .find({ order: { addedAt: 'ASC', fingerprint: 'ASC' } });
    return rows.map(anchorView);
  }

  async listCrls(): Promise<CrlView[]> {
    const rows = await this.dataSource
      .getRepository(RevocationListEntity)
      .find({ order: { addedAt: 'ASC', sha256: 'ASC' } });
    return rows.map(crlView);
  }

  /** The current anchors and CRLs; re-read only when the tables changed (one small query otherwise). */
  async snapshot(): Promise<TrustSnapshot> {
    const [{ version }] = (await this.dataSource.query(
      `SELECT (SELECT count(*) || ':' || coalesce(max(added_at)::text, '') FROM trust_anchor) || '/' ||
              (SELECT count(*) || ':' || coalesce(max(added_at)::text, '') FROM revocation_list) AS version`,
    )) as { version: string }[];
    if (this.cached?.version === version) return this.cached;
    const [anchors, crls] = await Promise.all([
      this.dataSource.getRepository(TrustAnchorEntity).find({ select: { der: true } }),
      this.dataSource.getRepository(RevocationListEntity).find({ select: { der: true } }),
    ]);
    this.cached = {
      version,
      anchors: anchors.map((row) => new Uint8Array(row.der)),
      crls: crls.map((row) => new Uint8Array(row.der)),
    };
    return this.cached;
  }
}
