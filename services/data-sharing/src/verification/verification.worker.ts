import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { BackgroundLoop } from '@motcua/service-runtime';
import {
  CitizenVerificationFailedV1,
  CitizenVerifiedV1,
  CitizenMismatchField,
  createCloudEvent,
  EventTypes,
  isCitizenMismatchField,
} from '@motcua/contracts';
import { appendToOutbox, MESSAGING_OPTIONS, MessagingModuleOptions, OutboxRelay } from '@motcua/messaging';
import { contextFromTraceparent, inSpan, maskIdNumber } from '@motcua/observability';
import { AccessLogService } from '../access-log/access-log.service';
import { DataSharingConfig } from '../config/data-sharing.config';
import { backoffDelayMs } from '../registry/backoff';
import { DATA_SHARING_CONFIG, RegistryClient } from '../registry/registry.client';
import {
  CircuitOpenError,
  RegistryRejectedError,
  RegistryUnavailableError,
} from '../registry/registry.errors';
import { nameKey, namesMatch, normalizeName } from './name-match';
import { afterRetryableFailure } from './retry-policy';
import { VerificationCacheEntity } from './verification-cache.entity';
import { VerificationRequestEntity } from './verification-request.entity';

export const EVENT_SOURCE = '/motcua/data-sharing';
export const SYSTEM_ACTOR = 'system:verification';

type Resolution =
  | {
      kind: 'answer';
      match: boolean;
      mismatches: CitizenMismatchField[];
      fieldsReturned: string[];
      source: 'REGISTRY' | 'CACHE';
      calls: number;
    }
  | { kind: 'retry'; error: string; counted: boolean; retryAt?: number; calls: number }
  | { kind: 'fail'; reason: string; calls: number };

interface RequestRow {
  dossier_code: string;
  agency_code: string;
  id_number: string;
  full_name: string;
  date_of_birth: string;
  attempts: number;
  calls: number;
  created_at: Date;
  traceparent: string | null;
}

/**
 * Works off PENDING verification requests: claims due rows with FOR UPDATE SKIP LOCKED, asks the registry
 * (or the cache), and commits the outcome, the access-log row, the cache entry and the event in one transaction.
 * A registry failure only postpones the row (exponential backoff with full jitter); while the circuit breaker
 * is open rows wait for it without using up attempts. Rows are given up (verification-failed) after
 * REGISTRY_MAX_ATTEMPTS failures seen while the registry otherwise looked healthy, or after
 * VERIFICATION_GIVE_UP_AFTER_MINUTES, whichever comes first.
 */
@Injectable()
export class VerificationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryClient,
    private readonly accessLog: AccessLogService,
    @Inject(DATA_SHARING_CONFIG) private readonly config: DataSharingConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
    @Optional() private readonly relay?: OutboxRelay,
  ) {
    this.logger = messaging.logger.child({ component: 'verification-worker' });
    // A full batch means more may be due: the loop goes again at once.
    this.loop = new BackgroundLoop({
      name: 'verification requests',
      intervalMs: config.VERIFICATION_POLL_INTERVAL_MS,
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

  /** One round: returns true when it claimed a full batch. */
  async runOnce(): Promise<boolean> {
    let claimed = 0;
    let wroteEvents = false;
    await this.dataSource.transaction(async (manager) => {
      const rows: RequestRow[] = await manager.query(
        `SELECT dossier_code, agency_code, id_number, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
                attempts, calls, created_at, traceparent
           FROM verification_request
          WHERE status = 'PENDING' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.config.VERIFICATION_BATCH_SIZE],
      );
      claimed = rows.length;
      if (rows.length === 0) return;
      const cached = new Map<string, VerificationCacheEntity>();
      for (const row of rows) {
        const hit = await this.fromCache(row, manager);
        if (hit) cached.set(row.dossier_code, hit);
      }
      const resolutions = await Promise.all(
        rows.map((row) => {
          const hit = cached.get(row.dossier_code);
          if (hit) {
            return Promise.resolve<Resolution>({
              kind: 'answer',
              match: hit.match,
              mismatches: hit.mismatches.filter(isCitizenMismatchField),
              fieldsReturned: ['match', 'mismatches'],
              source: 'CACHE',
              calls: 0,
            });
          }
          // Asynchronous work resumes the trace of the dossier event that queued it.
          return inSpan(
            'verify applicant',
            {
              parent: contextFromTraceparent(row.traceparent),
              attributes: { 'motcua.dossier': row.dossier_code },
            },
            () => this.askRegistry(row),
          );
        }),
      );
      for (const [i, row] of rows.entries()) {
        wroteEvents = (await this.settle(row, resolutions[i], manager)) || wroteEvents;
      }
    });
    if (wroteEvents) this.relay?.nudge();
    return claimed === this.config.VERIFICATION_BATCH_SIZE;
  }

  private async fromCache(
    row: RequestRow,
    manager: EntityManager,
  ): Promise<VerificationCacheEntity | undefined> {
    if (this.config.VERIFICATION_CACHE_TTL_SECONDS <= 0) return undefined;
    const hit = await manager
      .getRepository(VerificationCacheEntity)
      .createQueryBuilder('c')
      .where('c.idNumber = :idNumber AND c.nameKey = :nameKey AND c.dateOfBirth = :dateOfBirth', {
        idNumber: row.id_number,
        nameKey: nameKey(row.full_name),
        dateOfBirth: row.date_of_birth,
      })
      .andWhere(`c.verifiedAt > now() - make_interval(secs => :ttl)`, {
        ttl: this.config.VERIFICATION_CACHE_TTL_SECONDS,
      })
      .getOne();
    return hit ?? undefined;
  }

  private overdue(row: RequestRow): boolean {
    return (
      Date.now() - new Date(row.created_at).getTime() >
      this.config.VERIFICATION_GIVE_UP_AFTER_MINUTES * 60_000
    );
  }

  private async askRegistry(row: RequestRow): Promise<Resolution> {
    if (this.overdue(row)) {
      return {
        kind: 'fail',
        reason: `registry-unavailable: no answer within ${this.config.VERIFICATION_GIVE_UP_AFTER_MINUTES} minutes`,
        calls: 0,
      };
    }
    const context = { requester: SYSTEM_ACTOR, purpose: row.dossier_code, attempts: 1 };
    let calls = 0;
    try {
      calls += 1;
      const answer = await this.registry.verify(
        { idNumber: row.id_number, fullName: normalizeName(row.full_name), dateOfBirth: row.date_of_birth },
        context,
      );
      const fieldsReturned = ['match', 'mismatches'];
      let mismatches = answer.mismatches.filter(isCitizenMismatchField);
      if (mismatches.includes('fullName') && !mismatches.includes('idNumber')) {
        // The registry compares names exactly; compare its record with the applicant's by our rule.
        calls += 1;
        const person = await this.registry.findPerson(row.id_number, context);
        if (person) {
          fieldsReturned.push(...Object.keys(person));
          if (typeof person.fullName === 'string' && namesMatch(person.fullName, row.full_name)) {
            mismatches = mismatches.filter((m) => m !== 'fullName');
          }
        }
      }
      return {
        kind: 'answer',
        match: mismatches.length === 0,
        mismatches,
        fieldsReturned,
        source: 'REGISTRY',
        calls,
      };
    } catch (error) {
      if (error instanceof CircuitOpenError) {
        return {
          kind: 'retry',
          error: error.message,
          counted: false,
          retryAt: error.retryAt,
          calls: calls - 1,
        };
      }
      if (error instanceof RegistryUnavailableError) {
        return { kind: 'retry', error: error.message, counted: !error.duringOutage, calls };
      }
      if (error instanceof RegistryRejectedError) {
        return { kind: 'fail', reason: `registry-rejected: HTTP ${error.status}`, calls };
      }
      return { kind: 'retry', error: (error as Error).message, counted: true, calls };
    }
  }

  /** Writes one request's outcome; returns true when it appended an event. */
  private async settle(row: RequestRow, resolution: Resolution, manager: EntityManager): Promise<boolean> {
    const now = new Date();
    const calls = row.calls + resolution.calls;
    if (resolution.kind === 'answer') {
      await manager.update(
        VerificationRequestEntity,
        { dossierCode: row.dossier_code },
        {
          status: 'DONE',
          match: resolution.match,
          mismatches: resolution.mismatches,
          calls,
          completedAt: now,
          lastError: null,
        },
      );
      await this.accessLog.record(
        {
          actor: SYSTEM_ACTOR,
          actorAgency: row.agency_code,
          purpose: row.dossier_code,
          idNumber: row.id_number,
          fieldsReturned: resolution.fieldsReturned,
          source: resolution.source,
          outcome: resolution.match ? 'MATCH' : 'MISMATCH',
          at: now,
        },
        manager,
      );
      if (resolution.source === 'REGISTRY') {
        await manager
          .createQueryBuilder()
          .insert()
          .into(VerificationCacheEntity)
          .values({
            idNumber: row.id_number,
            nameKey: nameKey(row.full_name),
            dateOfBirth: row.date_of_birth,
            match: resolution.match,
            mismatches: resolution.mismatches,
            verifiedAt: now,
          })
          .orUpdate(['match', 'mismatches', 'verified_at'], ['id_number', 'name_key', 'date_of_birth'])
          .execute();
      }
      const data: CitizenVerifiedV1 = {
        dossierCode: row.dossier_code,
        match: resolution.match,
        mismatches: resolution.mismatches,
        verifiedAt: now.toISOString(),
      };
      await appendToOutbox(manager, [
        createCloudEvent({
          type: EventTypes.CitizenVerifiedV1,
          source: EVENT_SOURCE,
          subject: row.dossier_code,
          data,
          time: now,
        }),
      ]);
      this.logger.info(
        {
          dossierCode: row.dossier_code,
          idNumber: maskIdNumber(row.id_number),
          match: resolution.match,
          mismatches: resolution.mismatches,
          source: resolution.source,
        },
        'applicant verified',
      );
      return true;
    }

    const decision =
      resolution.kind === 'retry'
        ? afterRetryableFailure(
            {
              maxAttempts: this.config.REGISTRY_MAX_ATTEMPTS,
              giveUpAfterMs: this.config.VERIFICATION_GIVE_UP_AFTER_MINUTES * 60_000,
            },
            { attempts: row.attempts, createdAt: new Date(row.created_at).getTime() },
            resolution,
            now.getTime(),
          )
        : undefined;
    const attempts = decision?.attempts ?? row.attempts;
    if (resolution.kind === 'fail' || decision?.giveUp) {
      const reason =
        resolution.kind === 'fail'
          ? resolution.reason
          : decision?.giveUp === 'max-attempts'
            ? `registry-unavailable after ${attempts} attempts: ${resolution.error}`
            : `registry-unavailable for ${this.config.VERIFICATION_GIVE_UP_AFTER_MINUTES} minutes: ${resolution.error}`;
      await manager.update(
        VerificationRequestEntity,
        { dossierCode: row.dossier_code },
        { status: 'FAILED', attempts, calls, completedAt: now, lastError: reason },
      );
      const data: CitizenVerificationFailedV1 = {
        dossierCode: row.dossier_code,
        reason,
        attempts: calls,
        failedAt: now.toISOString(),
      };
      await appendToOutbox(manager, [
        createCloudEvent({
          type: EventTypes.CitizenVerificationFailedV1,
          source: EVENT_SOURCE,
          subject: row.dossier_code,
          data,
          time: now,
        }),
      ]);
      this.logger.warn(
        { dossierCode: row.dossier_code, idNumber: maskIdNumber(row.id_number), attempts, calls, reason },
        'applicant verification given up',
      );
      return true;
    }

    const delay = backoffDelayMs(
      Math.max(attempts, 1),
      this.config.REGISTRY_RETRY_BASE_MS,
      this.config.REGISTRY_RETRY_MAX_MS,
    );
    // While the breaker is open, wait for its trial time (spread a little so rows do not stampede).
    const waitUntil = Math.max(now.getTime() + delay, (resolution.retryAt ?? 0) + Math.floor(delay / 4));
    await manager.update(
      VerificationRequestEntity,
      { dossierCode: row.dossier_code },
      { attempts, calls, nextAttemptAt: new Date(waitUntil), lastError: resolution.error },
    );
    return false;
  }
}
