import { parseTimeOfDay } from './vietnam-time';

/** An agency's daily office hours: ordered, non-overlapping ['HH:MM', 'HH:MM'] intervals in Vietnam time. */
export type OfficeHours = readonly (readonly [string, string])[];

/** The usual hours: 07:30–11:30 and 13:00–17:00, 8 working hours a day. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  ['07:30', '11:30'],
  ['13:00', '17:00'],
];

/** An interval in milliseconds since Vietnam-time midnight, [start, end). */
export interface DayInterval {
  readonly start: number;
  readonly end: number;
}

export function parseOfficeHours(hours: OfficeHours): readonly DayInterval[] {
  if (hours.length === 0) throw new RangeError('Office hours must have at least one interval');
  const intervals = hours.map(([start, end]) => ({
    start: parseTimeOfDay(start),
    end: parseTimeOfDay(end, true),
  }));
  intervals.forEach((interval, index) => {
    const previousEnd = index === 0 ? 0 : intervals[index - 1].end;
    if (interval.end <= interval.start || interval.start < previousEnd) {
      throw new RangeError(
        `Office hours ${JSON.stringify(hours)} must be ordered, non-empty, non-overlapping intervals`,
      );
    }
  });
  return intervals;
}
