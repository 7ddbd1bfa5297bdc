import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { agencyCovers, Principal } from '@motcua/auth';
import { DocumentDigitizedV1, DossierReceivedV1 } from '@motcua/contracts';
import { PurposeDossierEntity } from './purpose-dossier.entity';
import { PurposePartyEntity } from './purpose-party.entity';
import { localized, type LocalizedText } from '@motcua/http';

/** The dossiers a registry lookup may name as its purpose, kept from the dossier topic in the inbox transaction. */
@Injectable()
export class PurposeDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** The persons a validated form names; a correction adds its own (a party once named stays one). */
  async documentDigitized(data: DocumentDigitizedV1, manager: EntityManager): Promise<void> {
    const { dossierCode, namedIdNumbers = [] } = data;
    if (namedIdNumbers.length === 0) return;
    await manager.query(
      `INSERT INTO purpose_party (dossier_code, id_number) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [dossierCode, namedIdNumbers],
    );
  }

  async dossierReceived(data: DossierReceivedV1, manager: EntityManager): Promise<void> {
    // A redelivered or replayed received event adds nothing new: the parties are merged, never lost.
    await manager.query(
      `INSERT INTO purpose_dossier (code, agency_code, party_id_numbers) VALUES ($1, $2, ARRAY[$3::text])
       ON CONFLICT (code) DO UPDATE SET party_id_numbers = ARRAY(
         SELECT DISTINCT unnest(purpose_dossier.party_id_numbers || EXCLUDED.party_id_numbers))`,
      [data.code, data.agencyCode, data.applicant.idNumber],
    );
  }

  /** Why `purpose` does not allow the caller to look `idNumber` up, or undefined when it does. */
  async refusal(purpose: string, idNumber: string, principal: Principal): Promise<LocalizedText | undefined> {
    const dossier = await this.dataSource.manager.findOneBy(PurposeDossierEntity, { code: purpose });
    if (!dossier || !agencyCovers(principal.agency, dossier.agencyCode))
      return localized(
        `The purpose must be a dossier of your agency's scope; ${purpose} is not (or is not known yet).`,
        `Mục đích tra cứu phải là một hồ sơ trong phạm vi cơ quan của bạn; ${purpose} không phải (hoặc chưa được biết).`,
      );
    if (dossier.partyIdNumbers.includes(idNumber)) return undefined;
    const named = await this.dataSource.manager.countBy(PurposePartyEntity, {
      dossierCode: purpose,
      idNumber,
    });
    if (named > 0) return undefined;
    return localized(
      `The person looked up is not a party of dossier ${purpose} (neither its applicant nor named in its forms).`,
      `Người được tra cứu không phải là bên liên quan của hồ sơ ${purpose} (không phải người nộp, không có tên trong tờ khai).`,
    );
  }
}
