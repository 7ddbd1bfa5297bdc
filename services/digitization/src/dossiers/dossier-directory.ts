import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { agencyCovers, Principal } from '@motcua/auth';
import { CloudEvent, DossierReceivedV1, DossierStatusChangedV1, EventTypes } from '@motcua/contracts';
import { ProblemException } from '@motcua/http';
import { KnownDossierEntity } from './known-dossier.entity';

export function dossierNotFound(code: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'dossier-not-found',
    `No dossier ${code} in your agency's scope (digitization learns dossiers from intake's events).`,
  );
}

/** The dossiers digitization knows, learned from the dossier topic inside the inbox transaction. */
@Injectable()
export class DossierDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async apply(event: CloudEvent, manager: EntityManager): Promise<void> {
    if (event.type === EventTypes.DossierReceivedV1) {
      const data = event.data as DossierReceivedV1;
      await manager.query(
        `INSERT INTO known_dossier (code, agency_code, procedure_code, applicant_id_number)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET applicant_id_number = EXCLUDED.applicant_id_number`,
        [data.code, data.agencyCode, data.procedureCode, data.applicant.idNumber],
      );
      return;
    }
    if (event.type === EventTypes.DossierStatusChangedV1) {
      // Dossiers received before this service was deployed still become known (without an applicant).
      const data = event.data as DossierStatusChangedV1;
      await manager.query(
        `INSERT INTO known_dossier (code, agency_code, procedure_code) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO NOTHING`,
        [data.code, data.agencyCode, data.procedureCode],
      );
    }
  }

  /** The dossier if it exists and the caller's agency covers it; otherwise 404 (no probing for codes). */
  async visible(
    code: string,
    principal: Principal,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<KnownDossierEntity> {
    const dossier = await manager.findOneBy(KnownDossierEntity, { code });
    if (!dossier || !agencyCovers(principal.agency, dossier.agencyCode)) throw dossierNotFound(code);
    return dossier;
  }
}
