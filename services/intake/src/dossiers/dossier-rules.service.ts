import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OfficeHours, vietnamDateOf } from '@motcua/calendar';
import { localized, ProblemException } from '@motcua/http';
import { AgencyService } from '../agencies/agency.service';
import { WorkingCalendarCache } from '../calendar/working-calendar.cache';
import type { ProcedureRules } from '../procedures/procedure-catalogue';
import { ProcedureService } from '../procedures/procedure.service';
import { ProcessingLimit, WorkflowContext } from './workflow/dossier-workflow';

export type { ProcedureRules };

/** How long catalogue answers are reused: a changed procedure or office hours take effect within this. */
const CATALOGUE_CACHE_MS = 30_000;

/** A small time-bounded cache; only defined values are kept. */
class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();

  constructor(private readonly ttlMs: number) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expires < Date.now()) return undefined;
    return entry.value;
  }

  put(key: string, value: T | undefined): T | undefined {
    if (value === undefined) return undefined;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    return value;
  }
}

/**
 * What the workflow needs from the catalogue: the procedure's rules in force at receipt, the agency's office
 * hours and the working-day calendar in force (seed plus notices). Unknown procedure or agency is 422 (the request is well-formed but refers
 * to nothing we know).
 */
@Injectable()
export class DossierRulesService {
  private readonly procedureCache = new TtlCache<ProcedureRules>(CATALOGUE_CACHE_MS);
  private readonly officeHoursCache = new TtlCache<OfficeHours>(CATALOGUE_CACHE_MS);

  constructor(
    private readonly agencies: AgencyService,
    private readonly procedures: ProcedureService,
    private readonly calendars: WorkingCalendarCache,
  ) {}

  /**
   * Inside a transaction, pass its `manager`: a second pool connection per request can exhaust the pool.
   * Found rules are kept briefly (they change by decree, not by the minute), so intake does not re-read
   * the catalogue for every dossier; an unknown code is never cached.
   */
  async procedureRulesAt(code: string, at: Date, manager?: EntityManager): Promise<ProcedureRules> {
    const key = `${code}@${vietnamDateOf(at)}`;
    const rules =
      this.procedureCache.get(key) ??
      this.procedureCache.put(key, await this.procedures.rulesAt(code, at, manager));
    if (!rules) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'unknown-procedure',
        localized(
          `No procedure ${code} is in force on that date.`,
          `Không có thủ tục ${code} có hiệu lực vào ngày đó.`,
        ),
        [
          {
            field: 'procedureCode',
            message: localized(`unknown procedure ${code}`, `không có thủ tục ${code}`),
          },
        ],
      );
    }
    return rules;
  }

  async officeHoursOf(agencyCode: string, manager?: EntityManager): Promise<OfficeHours> {
    const officeHours =
      this.officeHoursCache.get(agencyCode) ??
      this.officeHoursCache.put(agencyCode, await this.agencies.officeHoursOf(agencyCode, manager));
    if (!officeHours) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'unknown-agency',
        localized(`No agency ${agencyCode} is registered.`, `Chưa có cơ quan ${agencyCode}.`),
        [
          {
            field: 'agencyCode',
            message: localized(`unknown agency ${agencyCode}`, `không có cơ quan ${agencyCode}`),
          },
        ],
      );
    }
    return officeHours;
  }

  /**
   * The calendar is read per call (one index lookup; rebuilt when a notice was added, here or on another
   * instance). Inside a transaction, pass its `manager`, after locking the dossier: a notice committed meanwhile
   * is then seen.
   */
  async contextFor(
    officeHours: OfficeHours,
    limit: ProcessingLimit,
    manager?: EntityManager,
  ): Promise<WorkflowContext> {
    return { calendar: await this.calendars.current(manager), officeHours, limit };
  }
}
