import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { BackgroundLoop, SERVICE_CONFIG } from '@motcua/service-runtime';
import { EsignatureConfig } from '../config/esignature.config';
import { documentFailure } from '../verification/verifier';
import { TrustStoreService } from '../trust-store/trust-store.service';
import { VerificationStore } from '../verifications/verification-store';
import { completeJob, DocumentVerificationService } from './document-verification.service';
import { KnownDocumentEntity } from './known-document.entity';
import { ObjectReader, ObjectTooLargeError } from './object-reader';

export const SYSTEM_REQUESTER = 'system:document-digitized';

interface ClaimedJob {
  document_id: string;
  sha256: string;
  attempts: number;
  min_trust_generation: string;
}

/**
 * Works off signature jobs queued by document.digitized, document.reused or a trust-store change, outside the Kafka handler: claims due jobs
 * with a lease (a crashed run is claimed again when it expires), reads the object, verifies it in the
 * sandbox and records report + event. An unreadable object is retried with exponential backoff and,
 * after SIGNATURE_JOB_MAX_ATTEMPTS, reported INDETERMINATE / SIGNED_DATA_NOT_FOUND; a verification that
 * keeps failing (sandbox busy or crashing) likewise ends as INDETERMINATE / FORMAT_FAILURE.
 */
@Injectable()
export class SignatureJobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: ObjectReader,
    private readonly documents: DocumentVerificationService,
    private readonly store: VerificationStore,
    private readonly trustStore: TrustStoreService,
    @Inject(SERVICE_CONFIG) private readonly config: EsignatureConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'signature-job-worker' });
    this.loop = new BackgroundLoop({
      name: 'signature jobs',
      intervalMs: config.SIGNATURE_JOB_POLL_INTERVAL_MS,
      round: () => this.runOnce(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One round; true when it claimed a full batch (more may be due). */
  async runOnce(): Promise<boolean> {
    const batch = this.config.VERIFY_WORKERS;
    const jobs: ClaimedJob[] = await this.dataSource
      .query(
        `UPDATE signature_job j
          SET attempts = j.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE (j.document_id, j.sha256) IN (
              SELECT document_id, sha256 FROM signature_job
               WHERE status = 'PENDING' AND next_attempt_at <= now()
               ORDER BY next_attempt_at
               LIMIT $1
               FOR UPDATE SKIP LOCKED)
        RETURNING j.document_id, j.sha256, j.attempts, j.min_trust_generation`,
        [batch, this.config.SIGNATURE_JOB_LEASE_MS],
      )
      .then((result: [ClaimedJob[], number] | ClaimedJob[]) =>
        Array.isArray(result[0]) ? (result[0] as ClaimedJob[]) : (result as ClaimedJob[]),
      );
    await Promise.all(jobs.map((job) => this.process(job)));
    return jobs.length === batch;
  }

  private async process(job: ClaimedJob): Promise<void> {
    const document = await this.dataSource
      .getRepository(KnownDocumentEntity)
      .findOneBy({ documentId: job.document_id });
    if (!document?.bucket || !document.objectKey) return; // queued only with a location; cannot happen
    // Already verified under the current generation (a request or another replica was first): just close it.
    const generation = await this.trustStore.generation();
    const existing =
      generation >= Number(job.min_trust_generation)
        ? await this.store.findForDocument(job.document_id, job.sha256, generation)
        : null;
    if (existing) {
      await this.dataSource.transaction((manager) =>
        completeJob(manager, job.document_id, job.sha256, existing),
      );
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await this.reader.read(document.bucket, document.objectKey, this.config.MAX_FILE_BYTES);
    } catch (error) {
      if (error instanceof ObjectTooLargeError) {
        await this.documents.record(
          document,
          job.sha256,
          {
            report: documentFailure('PDF', 'UNREADABLE_DOCUMENT', `LIMIT_EXCEEDED: ${error.message}`),
            trustGeneration: generation,
          },
          SYSTEM_REQUESTER,
        );
        return;
      }
      await this.retryOrGiveUp(job, document, (error as Error).message, generation);
      return;
    }
    try {
      const report = await this.documents.reportFor(bytes, job.sha256);
      await this.documents.record(document, job.sha256, report, SYSTEM_REQUESTER);
    } catch (error) {
      // A busy sandbox or a database error: retried with backoff, and after SIGNATURE_JOB_MAX_ATTEMPTS the
      // job ends with a report (never retried at every lease expiry forever).
      this.logger.warn({ documentId: job.document_id, err: error }, 'signature job postponed');
      try {
        await this.retryOrGiveUp(job, document, (error as Error).message, generation, 'UNREADABLE_DOCUMENT');
      } catch (again) {
        this.logger.warn({ documentId: job.document_id, err: again }, 'signature job left to its lease');
      }
    }
  }

  private async retryOrGiveUp(
    job: ClaimedJob,
    document: KnownDocumentEntity,
    reason: string,
    generation: number,
    failure: 'DOCUMENT_UNAVAILABLE' | 'UNREADABLE_DOCUMENT' = 'DOCUMENT_UNAVAILABLE',
  ): Promise<void> {
    if (job.attempts >= this.config.SIGNATURE_JOB_MAX_ATTEMPTS) {
      this.logger.warn(
        { documentId: job.document_id, attempts: job.attempts, failure },
        'signature job gave up: reported',
      );
      await this.documents.record(
        document,
        job.sha256,
        {
          report: documentFailure(
            'PDF',
            failure,
            failure === 'DOCUMENT_UNAVAILABLE'
              ? `the stored object could not be read after ${job.attempts} attempts: ${reason}`
              : `the verification did not complete after ${job.attempts} attempts: ${reason}`,
          ),
          trustGeneration: generation,
        },
        SYSTEM_REQUESTER,
      );
      return;
    }
    const delayMs = Math.min(this.config.SIGNATURE_JOB_RETRY_BASE_MS * 2 ** (job.attempts - 1), 3_600_000);
    await this.dataSource.query(
      `UPDATE signature_job SET next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4
        WHERE document_id = $1 AND sha256 = $2`,
      [job.document_id, job.sha256, delayMs, reason.slice(0, 500)],
    );
  }
}
