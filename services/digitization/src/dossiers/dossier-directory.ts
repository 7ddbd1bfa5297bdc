import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, principalReaches } from '@motcua/auth';
import { CatalogueEvent, EventTypes } from '@motcua/contracts';
import { localized, ProblemException } from '@motcua/http';
import { KnownDossierEntity } from './known-dossier.entity';

export function dossierNotFound(code: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'dossier-not-found',
    localized(
      `No dossier ${code} in your agency's scope (digitization learns dossiers from intake's events).`,
      `Không có hồ sơ ${code} trong phạm vi cơ quan của bạn (dịch vụ số hoá biết hồ sơ qua sự kiện của dịch vụ tiếp nhận).`,
    ),
  );
}

/** Dossiers kept in memory; beyond this the oldest are dropped (each is a few hundred bytes). */
const CACHE_ENTRIES = 10_000;
/** Bounds how long another replica's update of a cached dossier can go unseen here. */
const CACHE_TTL_MS = 60_000;

/**
 * The dossiers digitization knows, learned from the dossier topic inside the inbox transaction. Every upload looks
 * its dossier up before storing a byte, so complete rows (agency, procedure and applicant known: nothing but a
 * re-delivered received event rewrites them) are cached for a minute; unknown or incomplete ones always go to the
 * database, so a dossier learned a moment ago is never refused from the cache.
 */
@Injectable()
export class DossierDirectory {
  private readonly cache = new Map<string, { dossier: KnownDossierEntity; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies a dossier event inside the inbox transaction. The status is kept with the time it took effect and only
   * a newer one replaces it, so a redelivered or late received event never reopens a finished dossier.
   */
  async apply(event: CatalogueEvent, manager: EntityManager): Promise<void> {
    this.forget(event.subject);
    if (event.type === EventTypes.DossierReceivedV1) {
      const data = event.data;
      await manager.query(
        `INSERT INTO known_dossier (code, agency_code, procedure_code, applicant_id_number, status, status_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET
           applicant_id_number = EXCLUDED.applicant_id_number,
           status = CASE WHEN known_dossier.status_at IS NULL OR known_dossier.status_at < EXCLUDED.status_at
                         THEN EXCLUDED.status ELSE known_dossier.status END,
           status_at = greatest(known_dossier.status_at, EXCLUDED.status_at)`,
        [
          data.code,
          data.agencyCode,
          data.procedureCode,
          data.applicant.idNumber,
          data.status,
          data.receivedAt,
        ],
      );
      return;
    }
    if (event.type === EventTypes.DossierStatusChangedV1) {
      // Dossiers received before this service was deployed still become known (without an applicant). An equal
      // time is a later action of the same instant: the partition's order (this event came later) decides.
      const data = event.data;
      await manager.query(
        `INSERT INTO known_dossier (code, agency_code, procedure_code, status, status_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET status = EXCLUDED.status, status_at = EXCLUDED.status_at
          WHERE known_dossier.status_at IS NULL OR known_dossier.status_at <= EXCLUDED.status_at`,
        [data.code, data.agencyCode, data.procedureCode, String(data.toStatus), data.at],
      );
    }
  }

  /**
   * Drops a dossier from memory. Called when its event is applied and again once that transaction committed: an
   * upload reading the row in between still sees the old status, and must not keep it for a minute.
   */
  forget(code: string): void {
    this.cache.delete(code);
  }

  /**
   * The dossier if it exists and the caller reaches it (its agency subtree; a citizen token: its own dossier);
   * otherwise 404 (no probing for codes).
   */
  async visible(code: string, principal: Principal, manager?: EntityManager): Promise<KnownDossierEntity> {
    const dossier = manager ? await manager.findOneBy(KnownDossierEntity, { code }) : await this.cached(code);
    if (
      !dossier ||
      !principalReaches(principal, {
        agencyCode: dossier.agencyCode,
        applicantIdNumber: dossier.applicantIdNumber,
      })
    )
      throw dossierNotFound(code);
    return dossier;
  }

  private async cached(code: string): Promise<KnownDossierEntity | null> {
    const hit = this.cache.get(code);
    if (hit && hit.until > Date.now()) return hit.dossier;
    this.cache.delete(code);
    const dossier = await this.dataSource.manager.findOneBy(KnownDossierEntity, { code });
    if (dossier?.applicantIdNumber) {
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(code, { dossier, until: Date.now() + CACHE_TTL_MS });
    }
    return dossier;
  }
}
