import type { OfficeHours } from '@motcua/calendar';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MAX_INTERVALS = 6;

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Why `value` is not a valid office-hours list, or undefined when it is: 1 to 6 ['HH:MM', 'HH:MM'] intervals
 * (Vietnam time), each ending after it starts, in order and not overlapping. The working-hour calendar relies
 * on exactly this shape, so a malformed list must never reach the database.
 */
export function officeHoursProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_INTERVALS) {
    return `must be a list of 1 to ${MAX_INTERVALS} ['HH:MM', 'HH:MM'] intervals`;
  }
  let previousEnd = -1;
  for (const [index, interval] of value.entries()) {
    if (
      !Array.isArray(interval) ||
      interval.length !== 2 ||
      !interval.every((t) => typeof t === 'string' && TIME.test(t))
    ) {
      return `interval ${index + 1} must be ['HH:MM', 'HH:MM'] (24-hour clock)`;
    }
    const [start, end] = (interval as string[]).map(minutes);
    if (end <= start) return `interval ${index + 1} must end after it starts`;
    if (start < previousEnd) return `interval ${index + 1} must start after the previous one ends`;
    previousEnd = end;
  }
  return undefined;
}

export function isOfficeHours(value: unknown): value is OfficeHours {
  return officeHoursProblem(value) === undefined;
}
