import { HttpStatus, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { DEFAULT_OFFICE_HOURS, OfficeHours, validateOverride, WorkingCalendar } from '@motcua/calendar';
import { createCloudEvent, DossierDueDateChangedV1, EventTypes } from '@motcua/contracts';
import { Principal } from '@motcua/auth';
import { FieldError, localized, ProblemException, validationProblem } from '@motcua/http';
import { appendToOutbox, OutboxRelay } from '@motcua/messaging';
import { appendChange } from '@motcua/persistence';
import { AgencyService } from '../agencies/agency.service';
import { requestFingerprint } from '../dossiers/canonical-json';
import { DossierClockSegmentEntity } from '../dossiers/dossier-clock-segment.entity';
import { EVENT_SOURCE } from '../dossiers/dossier-events';
import { DossierEntity } from '../dossiers/dossier.entity';
import { CalendarNoticeEntity, NoticeDay } from './calendar-notice.entity';
import { CalendarNoticeView, toCalendarNoticeView } from './calendar-notice.view';
import { changedDays, RECOMPUTED_STATUSES, recomputedDueAt } from './due-date-recompute';
import { CreateCalendarNoticeDto } from './dto/create-calendar-notice.dto';
import { NoticeContent, overridesOf } from './notice-overrides';
import { calendarOf, WorkingCalendarCache } from './working-calendar.cache';

/** Serialises notice writes across instances, so calendar versions and recomputations apply one at a time. */
const NOTICE_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('motcua.intake.calendar_notice'))";

type Content = NoticeContent & { year: number; title: string | null; days: NoticeDay[] };

interface MovedDueDate {
  dossier: DossierEntity;
  previousDueAt: Date;
  dueAt: Date;
}

const text = (value: string) => value.normalize('NFC').trim();

/** Tết, the longest break, is 9-10 days: a longer row is a typing error, and a year of days off has no deadline. */
const MAX_DAYS_PER_ROW = 31;
const MAX_DAYS_OFF_PER_NOTICE = 60;

const daysIn = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/** The notice as stored and compared: NFC text, no absent keys, so a retried POST hashes the same. */
function contentOf(dto: CreateCalendarNoticeDto): Content {
  return {
    number: text(dto.number),
    issuedOn: dto.issuedOn,
    issuer: text(dto.issuer),
    title: dto.title === undefined ? null : text(dto.title) || null,
    year: dto.year,
    effectiveFrom: dto.effectiveFrom,
    days: dto.days.map((day) => ({
      from: day.from,
      ...(day.to !== undefined ? { to: day.to } : {}),
      type: day.type,
      ...(day.holiday !== undefined ? { holiday: day.holiday } : {}),
      ...(day.kind !== undefined ? { kind: day.kind } : {}),
      ...(day.name !== undefined ? { name: { vi: text(day.name.vi), en: text(day.name.en) } } : {}),
    })),
  };
}

/** What class-validator cannot say about one row: its place in the year, its order, its kind. */
function rowErrors(content: Content): FieldError[] {
  const errors: FieldError[] = [];
  content.days.forEach((day, index) => {
    const at = `days[${index}]`;
    const to = day.to ?? day.from;
    if (Number(day.from.slice(0, 4)) !== content.year || Number(to.slice(0, 4)) !== content.year) {
      errors.push({
        field: `${at}.from`,
        message: localized(
          `the days must lie inside the notice year ${content.year}`,
          `các ngày phải nằm trong năm của thông báo (${content.year})`,
        ),
      });
    }
    if (to < day.from)
      errors.push({
        field: `${at}.to`,
        message: localized('to must not be before from', 'to không được trước from'),
      });
    else if (daysIn(day.from, to) > MAX_DAYS_PER_ROW) {
      errors.push({
        field: `${at}.to`,
        message: localized(
          `a row covers at most ${MAX_DAYS_PER_ROW} days`,
          `mỗi dòng chỉ gồm tối đa ${MAX_DAYS_PER_ROW} ngày`,
        ),
      });
    }
    if (day.kind !== undefined && day.type !== 'HOLIDAY') {
      errors.push({
        field: `${at}.kind`,
        message: localized('kind is only for HOLIDAY rows', 'kind chỉ dùng cho dòng HOLIDAY'),
      });
    }
  });
  const daysOff = content.days
    .filter((day) => day.type === 'HOLIDAY')
    .reduce((sum, day) => sum + Math.max(0, daysIn(day.from, day.to ?? day.from)), 0);
  if (daysOff > MAX_DAYS_OFF_PER_NOTICE) {
    errors.push({
      field: 'days',
      message: localized(
        `a notice gives at most ${MAX_DAYS_OFF_PER_NOTICE} days off`,
        `mỗi thông báo cho nghỉ tối đa ${MAX_DAYS_OFF_PER_NOTICE} ngày`,
      ),
    });
  }
  if (errors.length === 0) {
    // The library's own checks, so no stored notice can later break the calendar.
    overridesOf(content).forEach((row, index) => {
      try {
        validateOverride(row);
      } catch (error) {
        errors.push({
          field: `days[${index}]`,
          message: localized((error as Error).message, `dòng không hợp lệ: ${(error as Error).message}`),
        });
      }
    });
  }
  return errors;
}

/**
 * Official calendar notices at run time. A new notice is one transaction: the notice row, the new deadline of every
 * open dossier it moves, one outbox event per moved dossier and the change-log row, so a crash leaves either all
 * of it or none, and a retried POST (same number, same content) changes nothing.
 */
@Injectable()
export class CalendarNoticeService {
  private readonly logger = new Logger(CalendarNoticeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendarCache,
    private readonly agencies: AgencyService,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async list(year?: number): Promise<CalendarNoticeView[]> {
    const notices = await this.dataSource
      .getRepository(CalendarNoticeEntity)
      .find({ where: year === undefined ? {} : { year }, order: { version: 'ASC' } });
    return notices.map(toCalendarNoticeView);
  }

  async create(
    dto: CreateCalendarNoticeDto,
    principal: Principal,
  ): Promise<{ notice: CalendarNoticeView; created: boolean }> {
    const content = contentOf(dto);
    const errors = rowErrors(content);
    if (errors.length > 0) throw validationProblem(errors);
    const contentHash = requestFingerprint(content);
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query(NOTICE_LOCK_SQL);
      const existing = await manager.findOneBy(CalendarNoticeEntity, { number: content.number });
      if (existing) {
        if (existing.contentHash !== contentHash) {
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'calendar-notice-exists',
            localized(
              `Notice ${content.number} is already recorded with other content; notices are never edited: record the correcting notice under its own number.`,
              `Thông báo ${content.number} đã được ghi với nội dung khác; thông báo không bao giờ bị sửa: hãy ghi thông báo đính chính với số của nó.`,
            ),
            [],
            { version: existing.version },
          );
        }
        return { notice: existing, created: false as const };
      }
      const notices = await manager.find(CalendarNoticeEntity, { order: { version: 'ASC' } });
      const after = calendarOf([...notices, content]);
      const changed = changedDays(calendarOf(notices), after, [content.year]);
      const moved = changed.length > 0 ? await this.movedDueDates(manager, after, changed[0]) : [];
      await manager.insert(CalendarNoticeEntity, {
        ...content,
        contentHash,
        recomputedDossiers: moved.length,
        recordedBy: principal.sub,
      });
      const notice = await manager.findOneByOrFail(CalendarNoticeEntity, { number: content.number });
      await this.applyMoves(manager, notice, moved);
      await appendChange(manager, {
        actor: principal.sub,
        actorAgency: principal.agency,
        resource: 'calendar-notice',
        resourceId: notice.number,
        action: 'CREATE',
        before: null,
        after: { ...toCalendarNoticeView(notice), changedDays: changed },
      });
      return { notice, created: true as const, calendar: after };
    });
    if (outcome.created) {
      this.calendars.install(outcome.notice.version, outcome.calendar);
      this.relay?.nudge();
      this.logger.log(
        `calendar notice ${outcome.notice.number} recorded by ${principal.sub} as version ${outcome.notice.version}; ${outcome.notice.recomputedDossiers} deadline(s) moved`,
      );
    } else {
      this.logger.log(`calendar notice ${outcome.notice.number} posted again by ${principal.sub}: unchanged`);
    }
    return { notice: toCalendarNoticeView(outcome.notice), created: outcome.created };
  }

  /**
   * Open dossiers whose deadline the new calendar moves. A deadline before the first changed day cannot move (every
   * day it was counted over is unchanged), so only later ones are read, locked against concurrent actions.
   */
  private async movedDueDates(
    manager: EntityManager,
    calendar: WorkingCalendar,
    firstChangedDay: string,
  ): Promise<MovedDueDate[]> {
    const dossiers = await manager
      .createQueryBuilder(DossierEntity, 'd')
      .setLock('pessimistic_write')
      .where('d.status IN (:...statuses)', { statuses: RECOMPUTED_STATUSES })
      .andWhere('d.apologized = false')
      .andWhere('d.dueAt >= :from', { from: new Date(`${firstChangedDay}T00:00:00+07:00`) })
      .orderBy('d.code')
      .getMany();
    if (dossiers.length === 0) return [];
    const segments = await manager.find(DossierClockSegmentEntity, {
      where: { dossierCode: In(dossiers.map((d) => d.code)) },
      order: { dossierCode: 'ASC', seq: 'ASC' },
    });
    const clocks = new Map<string, DossierClockSegmentEntity[]>();
    for (const segment of segments)
      clocks.set(segment.dossierCode, [...(clocks.get(segment.dossierCode) ?? []), segment]);
    const officeHours = new Map<string, OfficeHours>();
    const moved: MovedDueDate[] = [];
    for (const dossier of dossiers) {
      if (!officeHours.has(dossier.agencyCode)) {
        officeHours.set(
          dossier.agencyCode,
          (await this.agencies.officeHoursOf(dossier.agencyCode, manager)) ?? DEFAULT_OFFICE_HOURS,
        );
      }
      const dueAt = recomputedDueAt(
        {
          status: dossier.status,
          dueAt: dossier.dueAt,
          apologized: dossier.apologized,
          clock: (clocks.get(dossier.code) ?? []).map((s) => ({
            startedAt: s.startedAt,
            endedAt: s.endedAt,
          })),
        },
        {
          calendar,
          officeHours: officeHours.get(dossier.agencyCode)!,
          limit: { value: Number(dossier.processingLimit), unit: dossier.limitUnit },
        },
      );
      if (dueAt) moved.push({ dossier, previousDueAt: dossier.dueAt!, dueAt });
    }
    return moved;
  }

  private async applyMoves(manager: EntityManager, notice: CalendarNoticeEntity, moved: MovedDueDate[]) {
    if (moved.length === 0) return;
    const at = new Date();
    for (const { dossier, dueAt } of moved) {
      await manager.query(
        'UPDATE dossier SET due_at = $2, version = version + 1, updated_at = now() WHERE code = $1',
        [dossier.code, dueAt],
      );
    }
    await appendToOutbox(
      manager,
      moved.map(({ dossier, previousDueAt, dueAt }) => {
        const data: DossierDueDateChangedV1 = {
          code: dossier.code,
          dossierCode: dossier.code,
          procedureCode: dossier.procedureCode,
          agencyCode: dossier.agencyCode,
          status: dossier.status,
          previousDueAt: previousDueAt.toISOString(),
          dueAt: dueAt.toISOString(),
          at: at.toISOString(),
          reason: 'CALENDAR_NOTICE',
          noticeNumber: notice.number,
          calendarVersion: notice.version,
          supplementRequests: dossier.supplementRequests,
          apologized: dossier.apologized,
        };
        return createCloudEvent({
          type: EventTypes.DossierDueDateChangedV1,
          source: EVENT_SOURCE,
          subject: dossier.code,
          data,
          time: at,
        });
      }),
    );
  }
}
