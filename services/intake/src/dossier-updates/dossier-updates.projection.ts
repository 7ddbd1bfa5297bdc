import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CitizenVerificationFailedV1,
  CitizenVerifiedV1,
  CloudEvent,
  DocumentDigitizedV1,
  DocumentReusedV1,
  EventTypes,
  SignatureVerifiedV1,
} from '@motcua/contracts';
import { DossierComponentState, DossierEntity } from '../dossiers/dossier.entity';

/**
 * Shows on the dossier what other services learned about it: the applicant's registry verification and each
 * component's document and signature. Runs inside the inbox transaction, so each event applies once.
 */
@Injectable()
export class DossierUpdatesProjection {
  async apply(event: CloudEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case EventTypes.CitizenVerifiedV1: {
        const data = event.data as CitizenVerifiedV1;
        await manager.update(
          DossierEntity,
          { code: data.dossierCode },
          {
            applicantVerificationStatus: data.match ? 'VERIFIED' : 'MISMATCH',
            applicantVerificationMismatches: data.mismatches,
          },
        );
        return;
      }
      case EventTypes.CitizenVerificationFailedV1: {
        const data = event.data as CitizenVerificationFailedV1;
        // A late failure never overrides an answer the registry already gave.
        await manager
          .createQueryBuilder()
          .update(DossierEntity)
          .set({ applicantVerificationStatus: 'FAILED' })
          .where('code = :code AND applicant_verification_status = :pending', {
            code: data.dossierCode,
            pending: 'PENDING',
          })
          .execute();
        return;
      }
      case EventTypes.DocumentDigitizedV1: {
        const data = event.data as DocumentDigitizedV1;
        return this.updateComponent(manager, data.dossierCode, data.componentCode, {
          provided: true,
          documentId: data.documentId,
          digitizationLevel: data.digitizationLevel,
        });
      }
      case EventTypes.DocumentReusedV1: {
        const data = event.data as DocumentReusedV1;
        return this.updateComponent(manager, data.dossierCode, data.componentCode, {
          provided: true,
          documentId: data.documentId,
          digitizationLevel: data.digitizationLevel,
          reused: true,
        });
      }
      case EventTypes.SignatureVerifiedV1: {
        const data = event.data as SignatureVerifiedV1;
        return this.updateComponent(manager, data.dossierCode, data.componentCode, {
          signature: {
            indication: data.indication,
            subIndication: data.subIndication,
            verificationId: data.verificationId,
          },
        });
      }
      default:
        return;
    }
  }

  private async updateComponent(
    manager: EntityManager,
    dossierCode: string,
    componentCode: string,
    change: Partial<DossierComponentState>,
  ): Promise<void> {
    const dossier = await manager.findOne(DossierEntity, {
      where: { code: dossierCode },
      lock: { mode: 'pessimistic_write' },
    });
    if (!dossier) return; // not ours (another deployment's dossier): nothing to show
    const known = dossier.components.some((c) => c.code === componentCode);
    dossier.components = known
      ? dossier.components.map((c) => (c.code === componentCode ? { ...c, ...change } : c))
      : [...dossier.components, { code: componentCode, provided: false, ...change }];
    await manager.save(dossier);
  }
}
