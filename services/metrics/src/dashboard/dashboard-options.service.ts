import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@motcua/auth';
import { CHANNELS } from '@motcua/contracts';
import { agencyPathPattern } from '../facts/agency-path';
import { agencyChoices } from './agency-options';

export interface DashboardOptions {
  /** The token's agency: the default of the subtree filter. */
  scope: string;
  agencies: string[];
  procedures: string[];
  channels: readonly string[];
}

/** What the dashboard's filters offer: the agencies and procedures that have dossiers in the auditor's scope. */
@Injectable()
export class DashboardOptionsService {
  constructor(private readonly dataSource: DataSource) {}

  async options(principal: Principal): Promise<DashboardOptions> {
    const pattern = agencyPathPattern(principal.agency);
    const where = pattern === null ? '' : 'WHERE agency_path LIKE $1';
    const rows: { agency_code: string; procedure_code: string }[] = await this.dataSource.query(
      `SELECT DISTINCT agency_code, procedure_code FROM dossier_flow_month ${where}`,
      pattern === null ? [] : [pattern],
    );
    return {
      scope: principal.agency,
      agencies: agencyChoices(principal.agency, [...new Set(rows.map((r) => r.agency_code))]),
      procedures: [...new Set(rows.map((r) => r.procedure_code))].sort(),
      channels: CHANNELS,
    };
  }
}
