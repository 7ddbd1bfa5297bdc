import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { documentFailure, type VerificationReport } from '../verification/verifier';
import type { ThreadRequest, ThreadResponse, TrustSnapshot, VerificationJob } from './verification-job';

export interface SandboxOptions {
  workers: number;
  /** A job still running after this is stopped (its thread is terminated and replaced). */
  timeoutMs: number;
  /** V8 old-generation heap of each thread; exhausting it ends the thread, not the service. */
  maxHeapMb: number;
  /** Jobs waiting for a thread beyond this are refused (SandboxBusyError). */
  maxQueue: number;
  limits: ThreadRequest['limits'];
}

export class SandboxBusyError extends Error {}

interface Pending {
  request: ThreadRequest;
  resolve: (report: VerificationReport) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending & { timer: NodeJS.Timeout };
}

/** The compiled thread file (tests run the TypeScript sources, the thread runs the built dist/). */
function threadFile(): string {
  const file = __filename.endsWith('.ts')
    ? __filename.replace(/\/src\/sandbox\/[^/]+$/, '/dist/sandbox/verification.thread.js')
    : join(__dirname, 'verification.thread.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

/**
 * Runs verifications in worker threads with a heap limit and a time limit, so a hostile file
 * (deflate bomb, pathological structure) costs one thread, never the service. A job that hits a
 * limit ends as INDETERMINATE / FORMAT_FAILURE with the limit named.
 */
export class VerificationSandbox {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: SandboxOptions) {
    for (let i = 0; i < options.workers; i += 1) this.slots.push(this.spawn());
  }

  /** True when a new job would be refused (callers check before reading a large upload). */
  get full(): boolean {
    return this.queue.length >= this.options.maxQueue;
  }

  run(job: VerificationJob, trust: TrustSnapshot): Promise<VerificationReport> {
    if (this.closed) return Promise.reject(new Error('verification sandbox closed'));
    if (this.queue.length >= this.options.maxQueue)
      return Promise.reject(new SandboxBusyError('verification queue full'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { id: this.nextId++, job, trust, limits: this.options.limits },
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('verification sandbox closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(threadFile(), {
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxHeapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    const slot: Slot = { worker };
    worker.on('message', (response: ThreadResponse) => this.settle(slot, response));
    worker.on('error', (error) =>
      this.fail(
        slot,
        /memory/i.test(error.message)
          ? 'memory limit exceeded'
          : `verification thread failed: ${error.message}`,
      ),
    );
    worker.on('exit', () => this.fail(slot, 'verification thread stopped'));
    worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current || this.queue.length === 0) continue;
      const pending = this.queue.shift()!;
      const timer = setTimeout(
        () => this.fail(slot, `time limit of ${this.options.timeoutMs} ms exceeded`),
        this.options.timeoutMs,
      );
      slot.current = { ...pending, timer };
      slot.worker.postMessage(pending.request);
    }
  }

  private settle(slot: Slot, response: ThreadResponse): void {
    const current = slot.current;
    if (!current || current.request.id !== response.id) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    if ('report' in response) current.resolve(response.report);
    else current.reject(new Error(response.error));
    this.dispatch();
  }

  /** The job of this thread ends on a limit; the thread is replaced. */
  private fail(slot: Slot, reason: string): void {
    const current = slot.current;
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.resolve(
        documentFailure(current.request.job.kind, 'UNREADABLE_DOCUMENT', `LIMIT_EXCEEDED: ${reason}`),
      );
    }
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (!this.closed) {
      this.slots.push(this.spawn());
      this.dispatch();
    }
  }
}
