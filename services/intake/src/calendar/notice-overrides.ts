import type { HolidayOverride } from '@motcua/calendar';
import type { NoticeDay } from './calendar-notice.entity';

/** The part of a stored notice the calendar needs. */
export interface NoticeContent {
  number: string;
  issuedOn: string;
  issuer: string;
  title?: string | null;
  effectiveFrom: string;
  days: readonly NoticeDay[];
}

function vietnameseDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** How a day names its notice, like the built-in rows: 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024 (issuer: title)'. */
export function noticeSource(notice: NoticeContent): string {
  const about = notice.title ? `${notice.issuer}: ${notice.title}` : notice.issuer;
  return `Văn bản ${notice.number} ngày ${vietnameseDate(notice.issuedOn)} (${about})`;
}

/** A notice's days as calendar override rows (an administrator enters the notice itself, so they are confirmed). */
export function overridesOf(notice: NoticeContent): HolidayOverride[] {
  const source = noticeSource(notice);
  return notice.days.map((day) => ({
    from: day.from,
    ...(day.to !== undefined ? { to: day.to } : {}),
    type: day.type,
    ...(day.holiday !== undefined ? { holiday: day.holiday } : {}),
    ...(day.kind !== undefined ? { kind: day.kind } : {}),
    ...(day.name !== undefined ? { name: { vi: day.name.vi, en: day.name.en } } : {}),
    source,
    effectiveFrom: notice.effectiveFrom,
    confirmed: true,
  }));
}
