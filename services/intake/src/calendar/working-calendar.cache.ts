import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WorkingCalendar } from '@motcua/calendar';
import { CalendarNoticeEntity } from './calendar-notice.entity';
import { NoticeContent, overridesOf } from './notice-overrides';

/** The built-in seed rows plus the notices, oldest first (so a later notice wins a tie). */
export function calendarOf(notices: readonly NoticeContent[]): WorkingCalendar {
  return new WorkingCalendar({ overrides: notices.flatMap(overridesOf) });
}

/**
 * The working calendar in force: the built-in seed plus every stored notice. Notices are append-only and numbered,
 * so the latest version (one index lookup) tells whether this instance's copy is current; another instance's new
 * notice is therefore picked up by the next request here.
 */
@Injectable()
export class WorkingCalendarCache {
  private version = 0;
  private calendar = calendarOf([]);

  constructor(private readonly dataSource: DataSource) {}

  /** Inside a transaction, pass its `manager`: a second pool connection per request can exhaust the pool. */
  async current(manager: EntityManager = this.dataSource.manager): Promise<WorkingCalendar> {
    const [{ version }] = (await manager.query(
      'SELECT coalesce(max(version), 0)::int AS version FROM calendar_notice',
    )) as [{ version: number }];
    if (version !== this.version) {
      const notices = await manager.find(CalendarNoticeEntity, { order: { version: 'ASC' } });
      this.install(notices.at(-1)?.version ?? 0, calendarOf(notices));
    }
    return this.calendar;
  }

  /** Keeps the newest calendar seen: concurrent refreshes may finish out of order. */
  install(version: number, calendar: WorkingCalendar): void {
    if (version < this.version) return;
    this.version = version;
    this.calendar = calendar;
  }
}
