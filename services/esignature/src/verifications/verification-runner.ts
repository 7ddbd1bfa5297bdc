import { HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { localized, ProblemException } from '@motcua/http';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { EsignatureConfig } from '../config/esignature.config';
import type { VerificationJob } from '../sandbox/verification-job';
import { SandboxBusyError, VerificationSandbox } from '../sandbox/verification-sandbox';
import { TrustStoreService } from '../trust-store/trust-store.service';
import type { VerificationReport } from '../verification/verifier';

const busy = () =>
  new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'verification-busy',
    localized(
      'Too many verifications are waiting; retry shortly.',
      'Đang có quá nhiều yêu cầu kiểm tra chữ ký chờ xử lý; vui lòng thử lại sau ít phút.',
    ),
  );

/** Verifies files in the sandbox against the current trust store. */
@Injectable()
export class VerificationRunner implements OnModuleDestroy {
  private readonly sandbox: VerificationSandbox;

  constructor(
    private readonly trustStore: TrustStoreService,
    @Inject(SERVICE_CONFIG) config: EsignatureConfig,
  ) {
    this.sandbox = new VerificationSandbox({
      workers: config.VERIFY_WORKERS,
      timeoutMs: config.VERIFY_TIMEOUT_MS,
      maxHeapMb: config.VERIFY_MAX_HEAP_MB,
      maxQueue: config.VERIFY_QUEUE_MAX,
      limits: {
        maxDepth: config.PDF_MAX_DEPTH,
        maxItems: 1_000_000,
        maxInflatePerStream: config.PDF_MAX_INFLATE_BYTES,
        maxInflateTotal: config.PDF_MAX_INFLATE_TOTAL_BYTES,
        maxFileSize: config.MAX_FILE_BYTES,
      },
    });
  }

  /** Refuses (503) before an upload is read when the queue is already full. */
  assertCapacity(): void {
    if (this.sandbox.full) throw busy();
  }

  /** The report, and the trust-store generation it was made under. */
  async verify(job: VerificationJob): Promise<{ report: VerificationReport; trustGeneration: number }> {
    try {
      const snapshot = await this.trustStore.snapshot();
      return { report: await this.sandbox.run(job, snapshot), trustGeneration: snapshot.generation };
    } catch (error) {
      if (error instanceof SandboxBusyError) throw busy();
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.sandbox.close();
  }
}
