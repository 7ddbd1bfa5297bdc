import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OfficeHours } from '@motcua/calendar';
import { agencyCovers, agencyLevel, agencySubtreeLikePattern, isAgencyCode, Principal } from '@motcua/auth';
import { localized, type LocalizedText, ProblemException } from '@motcua/http';
import { structuralAncestors } from './agency-tree';
import { AgencyEntity } from './agency.entity';
import { AgencyTreeNode, AgencyView, toAgencyTree, toAgencyView } from './agency.view';
import { CreateAgencyDto } from './dto/create-agency.dto';
import { ListAgenciesQuery } from './dto/list-agencies.query';

/**
 * The agency tree. Scope follows the codes (a token's agency covers its structural subtree, `agencyCovers`);
 * the stored parent links are kept consistent with the codes so that the tree a client draws and the scope
 * the server enforces never disagree.
 */
@Injectable()
export class AgencyService {
  constructor(private readonly dataSource: DataSource) {}

  private get agencies() {
    return this.dataSource.getRepository(AgencyEntity);
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AgencyEntity);
  }

  /**
   * The agency with this code, or undefined. For other modules: no scope check.
   * A caller inside a transaction passes its `manager`: reading through the pool instead would hold a second
   * connection per request and can exhaust the pool under concurrent intake.
   */
  async get(code: string, manager?: EntityManager): Promise<AgencyEntity | undefined> {
    if (!isAgencyCode(code)) return undefined;
    return (await this.repository(manager).findOneBy({ code })) ?? undefined;
  }

  /** Same as `get`. */
  findOne(code: string, manager?: EntityManager): Promise<AgencyEntity | undefined> {
    return this.get(code, manager);
  }

  async exists(code: string, manager?: EntityManager): Promise<boolean> {
    return isAgencyCode(code) && this.repository(manager).existsBy({ code });
  }

  /** The agency's daily office hours (Vietnam time), or undefined for an unknown agency. */
  async officeHoursOf(code: string, manager?: EntityManager): Promise<OfficeHours | undefined> {
    return (await this.get(code, manager))?.officeHours;
  }

  /** The caller's subtree (or the `under` agency's, which must lie inside it), level by level. */
  async list(principal: Principal, query: ListAgenciesQuery): Promise<AgencyView[] | AgencyTreeNode[]> {
    const root = query.under ?? principal.agency;
    if (query.under) {
      if (!agencyCovers(principal.agency, query.under)) {
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'agency-out-of-scope',
          localized(
            `Agency ${query.under} is outside the agency on your credentials (${principal.agency}).`,
            `Cơ quan ${query.under} nằm ngoài phạm vi cơ quan trong thông tin đăng nhập (${principal.agency}).`,
          ),
        );
      }
      if (!(await this.exists(query.under))) throw this.notFound(query.under);
    }
    const pattern = agencySubtreeLikePattern(root);
    const builder = this.agencies
      .createQueryBuilder('agency')
      .orderBy('agency.level')
      .addOrderBy('agency.code');
    if (pattern) builder.where('agency.code LIKE :pattern', { pattern });
    // LIKE's '_' also matches letters; agencyCovers is the exact rule.
    const views = (await builder.getMany()).filter((a) => agencyCovers(root, a.code)).map(toAgencyView);
    return query.view === 'tree' ? toAgencyTree(views) : views;
  }

  /** One agency in the caller's scope; outside it looks the same as absent. */
  async findVisible(code: string, principal: Principal): Promise<AgencyView> {
    const agency = agencyCovers(principal.agency, code) ? await this.get(code) : undefined;
    if (!agency) throw this.notFound(code);
    return toAgencyView(agency);
  }

  async create(dto: CreateAgencyDto, principal: Principal): Promise<AgencyView> {
    if (!agencyCovers(principal.agency, dto.code)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'agency-out-of-scope',
        localized(
          `Agency ${dto.code} is outside the agency on your credentials (${principal.agency}).`,
          `Cơ quan ${dto.code} nằm ngoài phạm vi cơ quan trong thông tin đăng nhập (${principal.agency}).`,
        ),
      );
    }
    if (await this.exists(dto.code)) throw this.conflict(dto.code);
    await this.checkParent(dto.code, dto.parentCode);
    const inserted: unknown[] = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AgencyEntity)
      .values({
        code: dto.code,
        name: dto.name.normalize('NFC').trim(),
        parentCode: dto.parentCode ?? null,
        level: agencyLevel(dto.code),
        ...(dto.officeHours ? { officeHours: dto.officeHours } : {}),
        address: dto.address?.normalize('NFC').trim() || null,
      })
      .orIgnore()
      .returning(['code'])
      .execute()
      .then((result) => result.raw as unknown[]);
    // A concurrent request created it between the check and the insert.
    if (inserted.length === 0) throw this.conflict(dto.code);
    return toAgencyView(await this.agencies.findOneByOrFail({ code: dto.code }));
  }

  /**
   * The parent must exist and be the nearest existing agency that structurally contains the code
   * (`agencyCovers(parent, code)` from a higher level); only a level-1 agency has none.
   */
  private async checkParent(code: string, parentCode: string | undefined): Promise<void> {
    const ancestors = structuralAncestors(code);
    const unprocessable = (slug: string, message: LocalizedText) =>
      new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        slug,
        localized(`${message.en}.`, `${message.vi}.`),
        [{ field: 'parentCode', message }],
      );
    if (!parentCode) {
      if (ancestors.length === 0) return;
      throw unprocessable(
        'agency-parent-required',
        localized(
          `a level-${agencyLevel(code)} agency needs its parent agency (one of ${ancestors.join(', ')})`,
          `cơ quan cấp ${agencyLevel(code)} phải có cơ quan cấp trên (một trong ${ancestors.join(', ')})`,
        ),
      );
    }
    if (!(await this.exists(parentCode))) {
      throw unprocessable(
        'agency-parent-unknown',
        localized(`no agency ${parentCode} is registered`, `chưa có cơ quan ${parentCode}`),
      );
    }
    if (!ancestors.includes(parentCode)) {
      throw unprocessable(
        'agency-outside-parent',
        localized(
          `${code} is not inside the subtree of ${parentCode} (QCVN 102:2016 codes)`,
          `${code} không thuộc cây cơ quan của ${parentCode} (mã theo QCVN 102:2016)`,
        ),
      );
    }
    const between = ancestors.slice(0, ancestors.indexOf(parentCode));
    const nearer = between.length
      ? await this.agencies.find({ select: { code: true }, where: between.map((c) => ({ code: c })) })
      : [];
    if (nearer.length > 0) {
      const nearest = between.find((c) => nearer.some((a) => a.code === c));
      throw unprocessable(
        'agency-parent-not-nearest',
        localized(
          `${nearest} lies between ${parentCode} and ${code}; use it as parentCode`,
          `${nearest} nằm giữa ${parentCode} và ${code}; hãy dùng nó làm parentCode`,
        ),
      );
    }
  }

  private notFound(code: string) {
    return new ProblemException(
      HttpStatus.NOT_FOUND,
      'agency-not-found',
      localized(
        `No agency ${code} in your agency's scope.`,
        `Không có cơ quan ${code} trong phạm vi của bạn.`,
      ),
    );
  }

  private conflict(code: string) {
    return new ProblemException(
      HttpStatus.CONFLICT,
      'agency-exists',
      localized(`Agency ${code} already exists.`, `Cơ quan ${code} đã tồn tại.`),
      [{ field: 'code', message: localized(`agency ${code} already exists`, `cơ quan ${code} đã tồn tại`) }],
    );
  }
}
