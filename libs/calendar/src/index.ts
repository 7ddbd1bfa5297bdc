export { solarToLunar, lunarToSolar, lunarNewYear, type LunarDate } from './lunar';
export {
  statutoryHolidays,
  defaultTetDays,
  defaultNationalDayAdjacent,
  HOLIDAY_IDS,
  HOLIDAY_NAMES,
  type Holiday,
  type HolidayId,
  type HolidayKind,
  type LocalizedName,
} from './holidays';
export { validateOverride, type HolidayOverride, type OverrideType, type SpecialWorkday } from './overrides';
export { BUILT_IN_HOLIDAY_OVERRIDES } from './data/holiday-overrides';
export { DEFAULT_OFFICE_HOURS, type OfficeHours } from './office-hours';
export {
  WorkingCalendar,
  type WorkingCalendarOptions,
  type DueForWorkingDaysOptions,
} from './working-calendar';
export { vietnamDateOf, vietnamInstant, VIETNAM_UTC_OFFSET_MINUTES } from './vietnam-time';
