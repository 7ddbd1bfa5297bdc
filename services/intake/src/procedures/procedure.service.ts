import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { vietnamDateOf } from '@motcua/calendar';
import { localized, ProblemException } from '@motcua/http';
import type { ProcedureRules } from './procedure-catalogue';
import { foldForSearch, matchesSearch, versionInForce } from './procedure-version';
import { ProcedureVersionEntity } from './procedure-version.entity';
import { ProcedureEntity } from './procedure.entity';
import {
  ProcedureDetailView,
  ProcedureView,
  toProcedureRules,
  toProcedureView,
  toVersionView,
} from './procedure.view';

/** The procedures catalogue, versioned by effective date. */
@Injectable()
export class ProcedureService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The rules of `code` in force at `instant` (judged on its Vietnam date), or undefined when the procedure
   * is unknown or had no version in force then. Dossier intake calls it with the time of receipt.
   * A caller inside a transaction passes its `manager`: reading through the pool instead would hold a second
   * connection per request and can exhaust the pool under concurrent intake.
   */
  async rulesAt(code: string, instant: Date, manager?: EntityManager): Promise<ProcedureRules | undefined> {
    const found = await this.withVersions(code, manager);
    const version = found && versionInForce(found.versions, vietnamDateOf(instant));
    return found && version ? toProcedureRules(found.procedure, version) : undefined;
  }

  async exists(code: string, manager?: EntityManager): Promise<boolean> {
    return (manager ?? this.dataSource.manager).getRepository(ProcedureEntity).existsBy({ code });
  }

  /** Procedures in force today (Vietnam date), by code; `field` and `q` ignore case and diacritics. */
  async list(filter: { field?: string; q?: string }, now = new Date()): Promise<ProcedureView[]> {
    const today = vietnamDateOf(now);
    const [procedures, versions] = await Promise.all([
      this.dataSource.getRepository(ProcedureEntity).find({ order: { code: 'ASC' } }),
      this.dataSource
        .getRepository(ProcedureVersionEntity)
        .createQueryBuilder('version')
        .where('version.effective_from <= :today', { today })
        .andWhere('(version.effective_to IS NULL OR version.effective_to >= :today)', { today })
        .getMany(),
    ]);
    const field = filter.field === undefined ? undefined : foldForSearch(filter.field);
    return procedures.flatMap((procedure) => {
      if (field !== undefined && foldForSearch(procedure.field) !== field) return [];
      if (filter.q && !matchesSearch(`${procedure.code} ${procedure.name}`, filter.q)) return [];
      const version = versionInForce(
        versions.filter((v) => v.procedureCode === procedure.code),
        today,
      );
      return version ? [toProcedureView(procedure, version)] : [];
    });
  }

  /** One procedure with the version in force on `at` (default today) and all its versions. */
  async detail(code: string, at?: string, now = new Date()): Promise<ProcedureDetailView> {
    const found = await this.withVersions(code);
    if (!found) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'procedure-not-found',
        localized(`No procedure ${code} in the catalogue.`, `Không có thủ tục ${code} trong danh mục.`),
      );
    }
    const date = at ?? vietnamDateOf(now);
    const version = versionInForce(found.versions, date);
    if (!version) {
      const periods = found.versions.map((v) => `${v.effectiveFrom} to ${v.effectiveTo ?? 'now'}`).join(', ');
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'procedure-not-in-force',
        localized(
          `Procedure ${code} had no version in force on ${date} (versions: ${periods}).`,
          `Thủ tục ${code} không có phiên bản nào có hiệu lực vào ngày ${date} (các phiên bản: ${periods}).`,
        ),
        [],
        { versions: found.versions.map(toVersionView) },
      );
    }
    return { ...toProcedureView(found.procedure, version), versions: found.versions.map(toVersionView) };
  }

  private async withVersions(code: string, manager: EntityManager = this.dataSource.manager) {
    const procedure = await manager.getRepository(ProcedureEntity).findOneBy({ code });
    if (!procedure) return undefined;
    const versions = await manager
      .getRepository(ProcedureVersionEntity)
      .find({ where: { procedureCode: code }, order: { effectiveFrom: 'ASC' } });
    return { procedure, versions };
  }
}
