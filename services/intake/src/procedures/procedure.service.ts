import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { vietnamDateOf } from '@motcua/calendar';
import { localized, ProblemException, validationProblem } from '@motcua/http';
import type { Principal } from '@motcua/auth';
import { canonicalJson } from '../dossiers/canonical-json';
import { NewProcedureVersionDto } from './dto/new-procedure-version.dto';
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
    if (!found) throw procedureNotFound(code);
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

  /**
   * Adds the rules a decree sets from a future date (DOMAIN.md §2). Versions are only ever added after the latest
   * one, from tomorrow at the earliest: a dossier already received keeps being judged by the version in force at
   * its receipt, and no cache of today's rules can be stale. The version it supersedes gets its last day (the day
   * before); nothing else of it changes. Sending the same version again answers it unchanged (`created: false`);
   * another version from the same date is a conflict.
   */
  async addVersion(
    code: string,
    dto: NewProcedureVersionDto,
    principal: Principal,
    now = new Date(),
  ): Promise<{ created: boolean; procedure: ProcedureDetailView }> {
    const duplicated = dto.components.map((c) => c.code).filter((c, i, all) => all.indexOf(c) !== i);
    if (duplicated.length > 0) {
      throw validationProblem(
        [...new Set(duplicated)].map((component) => ({
          field: `components[${dto.components.findIndex((c) => c.code === component)}].code`,
          message: localized(
            `component ${component} is listed twice`,
            `thành phần hồ sơ ${component} bị liệt kê hai lần`,
          ),
        })),
      );
    }
    const today = vietnamDateOf(now);
    const created = await this.dataSource.transaction(async (manager) => {
      // Serialises concurrent additions to one procedure.
      const procedure = await manager
        .getRepository(ProcedureEntity)
        .findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!procedure) throw procedureNotFound(code);
      const versions = await manager
        .getRepository(ProcedureVersionEntity)
        .find({ where: { procedureCode: code }, order: { effectiveFrom: 'ASC' } });
      const wanted = versionRow(code, dto, principal.sub);
      const same = versions.find((v) => v.effectiveFrom === dto.effectiveFrom);
      if (same) {
        if (sameRules(same, wanted)) return false;
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'version-exists',
          localized(
            `Procedure ${code} already has another version from ${dto.effectiveFrom}; versions are never edited.`,
            `Thủ tục ${code} đã có một phiên bản khác từ ngày ${dto.effectiveFrom}; phiên bản không bao giờ bị sửa.`,
          ),
        );
      }
      if (dto.effectiveFrom <= today) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'version-not-in-future',
          localized(
            `A new version takes effect after today (${today}): dossiers already received are judged by the rules in force when they were received.`,
            `Phiên bản mới phải có hiệu lực sau hôm nay (${today}): hồ sơ đã tiếp nhận được xét theo quy định có hiệu lực khi tiếp nhận.`,
          ),
          [
            {
              field: 'effectiveFrom',
              message: localized('must be after today', 'effectiveFrom phải sau hôm nay'),
            },
          ],
        );
      }
      const latest = versions.at(-1);
      if (latest && dto.effectiveFrom < latest.effectiveFrom) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'version-not-latest',
          localized(
            `Procedure ${code} has a version from ${latest.effectiveFrom}; a new version starts after it.`,
            `Thủ tục ${code} đã có phiên bản từ ngày ${latest.effectiveFrom}; phiên bản mới phải bắt đầu sau đó.`,
          ),
          [
            {
              field: 'effectiveFrom',
              message: localized(
                `must be after ${latest.effectiveFrom}`,
                `effectiveFrom phải sau ${latest.effectiveFrom}`,
              ),
            },
          ],
        );
      }
      const lastDay = dayBefore(dto.effectiveFrom);
      if (latest && (latest.effectiveTo === null || latest.effectiveTo > lastDay)) {
        await manager
          .getRepository(ProcedureVersionEntity)
          .update({ procedureCode: code, effectiveFrom: latest.effectiveFrom }, { effectiveTo: lastDay });
      }
      await manager.getRepository(ProcedureVersionEntity).insert(wanted);
      return true;
    });
    return { created, procedure: await this.detail(code, dto.effectiveFrom, now) };
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

function procedureNotFound(code: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'procedure-not-found',
    localized(`No procedure ${code} in the catalogue.`, `Không có thủ tục ${code} trong danh mục.`),
  );
}

/** 'YYYY-MM-DD' of the day before. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

type VersionRow = Omit<ProcedureVersionEntity, 'procedure' | 'createdAt'>;

function versionRow(code: string, dto: NewProcedureVersionDto, createdBy: string): VersionRow {
  return {
    procedureCode: code,
    effectiveFrom: dto.effectiveFrom,
    effectiveTo: null,
    processingLimit: dto.processingLimit.value,
    limitUnit: dto.processingLimit.unit,
    limitNote: dto.limitNote?.normalize('NFC') ?? null,
    feeVnd: dto.feeVnd,
    feeNote: dto.feeNote?.normalize('NFC') ?? null,
    components: dto.components.map((c) => ({
      code: c.code,
      name: c.name.normalize('NFC'),
      required: c.required,
      signatureRequired: c.signatureRequired,
      copies: c.copies,
      ...(c.note === undefined ? {} : { note: c.note.normalize('NFC') }),
    })),
    legalBasis: dto.legalBasis.normalize('NFC'),
    agencyLevel: dto.agencyLevel ?? null,
    createdBy,
  };
}

/** The same rules (a retried request), whoever sent them. */
function sameRules(stored: ProcedureVersionEntity, wanted: VersionRow): boolean {
  // jsonb hands components back with its own key order: compared canonically.
  const rules = (v: VersionRow) =>
    canonicalJson([
      v.processingLimit,
      v.limitUnit,
      v.limitNote,
      v.feeVnd,
      v.feeNote,
      v.components,
      v.legalBasis,
      v.agencyLevel,
    ]);
  return rules(stored) === rules(wanted);
}
