import { fromDayNumber, MS_PER_DAY, toDayNumber } from './dates';

/** Vietnam is UTC+7 all year (no daylight saving time). */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

/** Day number of the Vietnam-time calendar day that contains the instant. */
export function vietnamDayNumber(instant: Date): number {
  return Math.floor((instantMs(instant) + OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since Vietnam-time midnight. */
export function msIntoVietnamDay(instant: Date): number {
  const local = instantMs(instant) + OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** Epoch milliseconds of Vietnam-time midnight of a day number. */
export function vietnamMidnightMs(dayNumber: number): number {
  return dayNumber * MS_PER_DAY - OFFSET_MS;
}

/** 'HH:MM' → milliseconds since midnight. '24:00' (end of day) is accepted only when allowEndOfDay. */
export function parseTimeOfDay(time: string, allowEndOfDay = false): number {
  const match = TIME_PATTERN.exec(time);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  const valid = minutes < 60 && (hours < 24 || (allowEndOfDay && hours === 24 && minutes === 0));
  if (!valid) throw new RangeError(`Invalid time of day "${time}": expected HH:MM`);
  return (hours * 60 + minutes) * 60_000;
}

/** The calendar date ('YYYY-MM-DD') of an instant, in Vietnam time. */
export function vietnamDateOf(instant: Date): string {
  return fromDayNumber(vietnamDayNumber(instant));
}

/** The instant of a Vietnam-time wall-clock time ('HH:MM', default midnight) on a date. */
export function vietnamInstant(date: string, time = '00:00'): Date {
  return new Date(vietnamMidnightMs(toDayNumber(date)) + parseTimeOfDay(time, true));
}
