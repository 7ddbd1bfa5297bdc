import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TrustChange, TrustStoreService } from '../trust-store/trust-store.service';
import { TRUST_DEPENDENT_SUB_INDICATIONS } from './signature-events';

/**
 * When anchors or CRLs change, re-queues (in the same transaction) every stored PDF whose latest report of its
 * current file is INDETERMINATE for a reason the trust store decides: no path to an anchor, missing revocation
 * data, revocation without proof of time; and, whatever its result, every one whose latest report's paths hold a
 * certificate issued by the issuer of a CRL the change added (a passed signature whose signer is now revoked), or
 * issued by an anchor the change withdrew (a passed signature that no longer reaches a trusted root).
 * The job may only be closed by a report of the new generation.
 */
@Injectable()
export class TrustChangeRequeue implements OnModuleInit {
  constructor(private readonly trustStore: TrustStoreService) {}

  onModuleInit(): void {
    this.trustStore.onChange((manager, generation, change) => this.requeue(manager, generation, change));
  }

  async requeue(
    manager: EntityManager,
    generation: number,
    change: TrustChange = { crlIssuers: [] },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO signature_job (document_id, sha256, min_trust_generation)
       SELECT d.document_id, d.sha256, $1
         FROM known_document d
         JOIN LATERAL (
              SELECT v.indication, v.sub_indication, v.certificate_issuers FROM verification v
               WHERE v.document_id = d.document_id AND v.sha256 = d.sha256
               ORDER BY v.trust_generation DESC, v.verified_at DESC
               LIMIT 1) latest ON true
        WHERE ((latest.indication = 'INDETERMINATE' AND latest.sub_indication = ANY($2::text[]))
               OR latest.certificate_issuers && $3::text[])
          AND d.bucket IS NOT NULL AND d.object_key IS NOT NULL AND lower(d.mime_type) = 'application/pdf'
       ON CONFLICT (document_id, sha256) DO UPDATE
          SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL,
              min_trust_generation = EXCLUDED.min_trust_generation`,
      [
        generation,
        TRUST_DEPENDENT_SUB_INDICATIONS,
        [...change.crlIssuers, ...(change.withdrawnSubjects ?? [])],
      ],
    );
  }
}
