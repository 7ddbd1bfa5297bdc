import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'minio';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { OBJECT_STORAGE } from '@motcua/object-storage';
import { BackgroundLoop, SERVICE_CONFIG } from '@motcua/service-runtime';
import { DigitizationConfig } from '../config/digitization.config';
import { DOCUMENT_KEY_PREFIX, keyDay } from './object-keys';

const DAY_MS = 24 * 3600 * 1000;
/** Where a first sweep starts when nothing was swept yet. */
const FIRST_SWEEP_DAYS = 7;
const BATCH = 500;

/**
 * Which day folders a sweep lists, which objects count as old enough (`cutoff`), and the checkpoint it leaves:
 * uploads write under the UTC day they started, so a day that ended before the grace period began can hold no
 * upload still in progress, and later sweeps need not list it again.
 */
export function sweepPlan(
  sweptThrough: string | undefined,
  now: Date,
  graceMs: number,
): { days: string[]; cutoff: Date; checkpoint: string } {
  const cutoff = new Date(now.getTime() - graceMs);
  const today = keyDay(now);
  const days: string[] = [];
  for (
    let day = sweptThrough ?? keyDay(new Date(now.getTime() - FIRST_SWEEP_DAYS * DAY_MS));
    day <= today;
    day = keyDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS))
  )
    days.push(day);
  const complete = keyDay(new Date(cutoff.getTime() - DAY_MS));
  const checkpoint = sweptThrough && sweptThrough > complete ? sweptThrough : complete;
  return { days, cutoff, checkpoint };
}

export interface SweepResult {
  removed: string[];
  /** Multipart uploads a crash (or an S3 outage during the abort) left open, now aborted. */
  abortedUploads: string[];
  sweptThrough: string;
}

/**
 * Removes objects that no document row refers to and that are older than ORPHAN_GRACE_SECONDS: what a crash
 * between the S3 put and the database commit leaves behind (an upload that fails normally removes its own).
 * Sweeps day folders from its checkpoint to today and moves the checkpoint past days no upload can still write
 * to, so each run lists only recent objects. Needs no manual step after a crash: it runs at start and then
 * periodically; concurrent replicas only repeat each other's deletes.
 */
@Injectable()
export class OrphanReaper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: BackgroundLoop;
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OBJECT_STORAGE) private readonly client: Client,
    @Inject(SERVICE_CONFIG) private readonly config: DigitizationConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'orphan-reaper' });
    this.loop = new BackgroundLoop({
      name: 'orphan sweep',
      intervalMs: config.ORPHAN_SWEEP_INTERVAL_MS,
      round: async () => void (await this.sweep()),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  async sweep(now = new Date()): Promise<SweepResult> {
    const [state]: Array<{ swept_through: string }> = await this.dataSource.query(
      `SELECT to_char(swept_through, 'YYYY-MM-DD') AS swept_through FROM orphan_sweep_state WHERE id = 1`,
    );
    const plan = sweepPlan(state?.swept_through, now, this.config.ORPHAN_GRACE_SECONDS * 1000);
    const cutoff = plan.cutoff;
    const checkpoint = plan.checkpoint;
    const removed: string[] = [];
    for (const day of plan.days) removed.push(...(await this.sweepDay(day, cutoff)));
    await this.dataSource.query(
      `INSERT INTO orphan_sweep_state (id, swept_through) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET swept_through = GREATEST(orphan_sweep_state.swept_through, EXCLUDED.swept_through)`,
      [checkpoint],
    );
    const abortedUploads = await this.abortStaleUploads(cutoff);
    if (removed.length || abortedUploads.length)
      this.logger.info(
        { removed: removed.length, aborted: abortedUploads.length },
        'removed orphaned objects',
      );
    return { removed, abortedUploads, sweptThrough: checkpoint };
  }

  /** Parts of an unfinished multipart upload take space without being an object: abort those past the grace. */
  private async abortStaleUploads(cutoff: Date): Promise<string[]> {
    const stale: Array<{ key: string; uploadId: string }> = [];
    await new Promise<void>((resolve, reject) =>
      this.client
        .listIncompleteUploads(this.config.S3_BUCKET, DOCUMENT_KEY_PREFIX, true)
        // minio's type omits `initiated`, which the ListMultipartUploads answer carries.
        .on('data', (upload: { key: string; uploadId: string; initiated?: Date }) => {
          if (upload.initiated && upload.initiated < cutoff) stale.push(upload);
        })
        .on('end', resolve)
        .on('error', reject),
    );
    for (const upload of stale)
      await this.client.abortMultipartUpload(this.config.S3_BUCKET, upload.key, upload.uploadId);
    return stale.map((u) => u.key);
  }

  private async sweepDay(day: string, cutoff: Date): Promise<string[]> {
    const candidates: string[] = [];
    const removed: string[] = [];
    const flush = async () => {
      if (!candidates.length) return;
      const keys = candidates.splice(0);
      const rows: Array<{ object_key: string }> = await this.dataSource.query(
        `SELECT DISTINCT object_key FROM document WHERE object_key = ANY($1)`,
        [keys],
      );
      const referenced = new Set(rows.map((r) => r.object_key));
      const orphans = keys.filter((k) => !referenced.has(k));
      if (orphans.length) {
        await this.client.removeObjects(this.config.S3_BUCKET, orphans);
        removed.push(...orphans);
      }
    };
    for await (const item of this.client.listObjectsV2(
      this.config.S3_BUCKET,
      `${DOCUMENT_KEY_PREFIX}${day}/`,
      true,
    )) {
      if (!item.name || !item.lastModified || item.lastModified > cutoff) continue;
      candidates.push(item.name);
      if (candidates.length >= BATCH) await flush();
    }
    await flush();
    return removed;
  }
}
