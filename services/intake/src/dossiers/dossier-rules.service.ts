import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OfficeHours, WorkingCalendar } from '@motcua/calendar';
import { ProblemException } from '@motcua/http';
import { AgencyService } from '../agencies/agency.service';
import type { ProcedureRules } from '../procedures/procedure-catalogue';
import { ProcedureService } from '../procedures/procedure.service';
import { ProcessingLimit, WorkflowContext } from './workflow/dossier-workflow';

export type { ProcedureRules };

/**
 * What the workflow needs from the catalogue: the procedure's rules in force at receipt, the agency's office
 * hours and the working-day calendar. Unknown procedure or agency is 422 (the request is well-formed but refers
 * to nothing we know).
 */
@Injectable()
export class DossierRulesService {
  readonly calendar = new WorkingCalendar();

  constructor(
    private readonly agencies: AgencyService,
    private readonly procedures: ProcedureService,
  ) {}

  /** Inside a transaction, pass its `manager`: a second pool connection per request can exhaust the pool. */
  async procedureRulesAt(code: string, at: Date, manager?: EntityManager): Promise<ProcedureRules> {
    const rules = await this.procedures.rulesAt(code, at, manager);
    if (!rules) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'unknown-procedure',
        `No procedure ${code} is in force on that date.`,
        [{ field: 'procedureCode', message: `unknown procedure ${code}` }],
      );
    }
    return rules;
  }

  async officeHoursOf(agencyCode: string, manager?: EntityManager): Promise<OfficeHours> {
    const officeHours = await this.agencies.officeHoursOf(agencyCode, manager);
    if (!officeHours) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'unknown-agency',
        `No agency ${agencyCode} is registered.`,
        [{ field: 'agencyCode', message: `unknown agency ${agencyCode}` }],
      );
    }
    return officeHours;
  }

  contextFor(officeHours: OfficeHours, limit: ProcessingLimit): WorkflowContext {
    return { calendar: this.calendar, officeHours, limit };
  }
}
