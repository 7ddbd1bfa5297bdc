import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, principalReaches } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { AgencyService } from '../agencies/agency.service';
import { DossierActionEntity } from '../dossiers/dossier-action.entity';
import { DossierEntity } from '../dossiers/dossier.entity';
import { templateInForce } from '../forms/printing/form-templates';
import { OrganisationFormSigner } from '../forms/signing/organisation-form-signer';
import type { TrackingLog, TrackingLogRow } from './tracking-log-row';
import { renderTrackingLogPdf } from './tracking-log.pdf';
import { renderTrackingLogXlsx } from './tracking-log.xlsx';

/** The most dossiers one log holds: a longer period is asked for in parts. */
export const TRACKING_LOG_MAX_ROWS = 10_000;
const MAX_PERIOD_DAYS = 366;

const invalid = (en: string, vi: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'invalid-period', localized(en, vi));

const STATUS_NOTES_VI: Record<string, string> = {
  REJECTED: 'Từ chối giải quyết',
  WITHDRAWN: 'Người nộp rút hồ sơ',
  STOPPED: 'Dừng giải quyết',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung hồ sơ',
};

/** Form 07, the tracking log (sổ theo dõi hồ sơ) of an agency: every dossier it received in the period. */
@Injectable()
export class TrackingLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgencyService,
    private readonly signer: OrganisationFormSigner,
  ) {}

  async log(agencyCode: string, from: string, to: string, principal: Principal): Promise<TrackingLog> {
    const start = new Date(`${from}T00:00:00+07:00`);
    const end = new Date(`${to}T00:00:00+07:00`);
    // A day that does not exist (2026-02-31) would otherwise roll over into the next month.
    const sameDay = (instant: Date, day: string) =>
      !Number.isNaN(instant.getTime()) &&
      new Date(instant.getTime() + 7 * 3_600_000).toISOString().startsWith(day);
    if (!sameDay(start, from) || !sameDay(end, to))
      throw invalid('from and to must be calendar dates.', 'from và to phải là ngày hợp lệ.');
    const days = (end.getTime() - start.getTime()) / 86_400_000 + 1;
    if (days < 1) throw invalid('from must not be after to.', 'Ngày bắt đầu không được sau ngày kết thúc.');
    if (days > MAX_PERIOD_DAYS)
      throw invalid(
        `A tracking log covers at most ${MAX_PERIOD_DAYS} days.`,
        `Sổ theo dõi chỉ lập cho tối đa ${MAX_PERIOD_DAYS} ngày.`,
      );
    const agency = await this.agencies.get(agencyCode);
    if (!agency || !principalReaches(principal, { agencyCode }))
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'agency-not-found',
        localized(
          `No agency ${agencyCode} in your scope.`,
          `Không có cơ quan ${agencyCode} trong phạm vi của bạn.`,
        ),
      );
    const dossiers = await this.dataSource
      .getRepository(DossierEntity)
      .createQueryBuilder('d')
      .where('d.agencyCode = :agencyCode', { agencyCode })
      .andWhere('d.receivedAt >= :start AND d.receivedAt < :end', {
        start,
        end: new Date(end.getTime() + 86_400_000),
      })
      .orderBy('d.receivedAt', 'ASC')
      .addOrderBy('d.code', 'ASC')
      .take(TRACKING_LOG_MAX_ROWS + 1)
      .getMany();
    if (dossiers.length > TRACKING_LOG_MAX_ROWS)
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'tracking-log-too-long',
        localized(
          `More than ${TRACKING_LOG_MAX_ROWS} dossiers in the period: ask for a shorter one.`,
          `Kỳ này có hơn ${TRACKING_LOG_MAX_ROWS} hồ sơ: hãy chọn kỳ ngắn hơn.`,
        ),
      );
    const lines = dossiers.length
      ? await this.dataSource
          .getRepository(DossierActionEntity)
          .createQueryBuilder('a')
          .where('a.dossierCode IN (:...codes)', { codes: dossiers.map((d) => d.code) })
          .orderBy('a.seq', 'ASC')
          .getMany()
      : [];
    const byDossier = new Map<string, DossierActionEntity[]>();
    for (const line of lines) {
      const sheet = byDossier.get(line.dossierCode);
      if (sheet) sheet.push(line);
      else byDossier.set(line.dossierCode, [line]);
    }
    const rows = dossiers.map((dossier): TrackingLogRow => {
      const sheet = byDossier.get(dossier.code) ?? [];
      const first = (...actions: string[]) => sheet.find((line) => actions.includes(line.action))?.at ?? null;
      const contact = [dossier.applicant.address, dossier.applicant.phone].filter(Boolean).join('; ');
      return {
        dossierCode: dossier.code,
        procedureName: dossier.procedureName,
        quantity: 1,
        applicantName: dossier.applicant.fullName,
        applicantContact: contact,
        leadAgencyName: agency.name,
        receivedAt: dossier.receivedAt,
        dueAt: dossier.dueAt,
        transferredAt: first('START_PROCESSING'),
        resultAt: first('RESOLVE', 'REJECT', 'STOP'),
        returnedAt: first('RETURN_RESULT'),
        note: STATUS_NOTES_VI[dossier.status] ?? '',
      };
    });
    return { agencyCode, agencyName: agency.name, from, to, rows };
  }

  xlsx(log: TrackingLog): Promise<Buffer> {
    return renderTrackingLogXlsx(log);
  }

  /** The PDF, signed by the agency when form signing is configured. */
  async pdf(log: TrackingLog): Promise<Buffer> {
    const printedAt = new Date();
    const template = templateInForce('07', printedAt)!;
    const pdf = await renderTrackingLogPdf(log, template, printedAt);
    return this.signer.signIfConfigured(log.agencyCode, pdf, `Mẫu 07: ${template.title}`);
  }
}
