import type { Logger } from 'pino';

export interface BackgroundLoopOptions {
  /** Named in the log line of a failed round. */
  name: string;
  /** Pause between rounds when a round found nothing more to do (or failed). */
  intervalMs: number;
  /** One round of work; returning true means more is due at once (e.g. it claimed a full batch). */
  round: () => Promise<boolean | void>;
  logger: Logger;
  /** Run the first round at start (default) or only after the first interval. */
  runAtStart?: boolean;
}

/**
 * Runs a service's periodic work (queue workers, reapers, purges) one round at a time: a failed round is logged
 * and retried after the interval, never overlapped by the next one, and stop() waits for the round in flight so a
 * shutdown does not cut a transaction in half. The timer never keeps the process alive on its own.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<void> | undefined;

  constructor(private readonly options: BackgroundLoopOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(this.options.runAtStart === false ? this.options.intervalMs : 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.runRound();
    }, delayMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    let more = false;
    try {
      more = (await this.options.round()) === true;
    } catch (error) {
      this.options.logger.error(
        { err: error },
        `${this.options.name}: round failed; retrying after the interval`,
      );
    }
    this.schedule(more ? 0 : this.options.intervalMs);
  }
}
