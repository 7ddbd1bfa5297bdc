import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DossierReceivedV1 } from '@motcua/contracts';
import { currentTraceparent } from '@motcua/observability';
import { normalizeName } from './name-match';
import { VerificationRequestEntity } from './verification-request.entity';

/**
 * Runs inside the inbox transaction of a dossier event: a received dossier becomes one PENDING verification
 * request. No registry call happens here, so a registry outage never holds up the Kafka partition.
 */
@Injectable()
export class VerificationIntake {
  async dossierReceived(data: DossierReceivedV1, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(VerificationRequestEntity)
      .values({
        dossierCode: data.code,
        agencyCode: data.agencyCode,
        idNumber: data.applicant.idNumber,
        fullName: normalizeName(data.applicant.fullName),
        dateOfBirth: data.applicant.dateOfBirth,
        sex: data.applicant.sex ?? null,
        // The inbox consumer's span: the worker's registry call joins the dossier's trace.
        traceparent: currentTraceparent() ?? null,
      })
      // The same dossier received again (replayed import, a second event id) is still one verification.
      .orIgnore()
      .execute();
  }
}
