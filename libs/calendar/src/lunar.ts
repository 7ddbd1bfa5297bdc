// The Vietnamese lunisolar calendar, after Hồ Ngọc Đức's published algorithm
// ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/): new moons and the sun's
// longitude from Meeus-style series, and every "which day" decision taken in Vietnam's time zone.
// The time zone is the whole point: the Chinese calendar (UTC+8) puts some new moons on the next
// day, so it disagrees with Vietnam's in some years (Tết 1985, 2007, 2030, …).
//
// Rules of the calendar: a month starts on the day of a new moon; month 11 contains the winter
// solstice; a year between two months 11 with 13 months has a leap month, the first one that
// contains no major solar term (zhongqi), and it repeats the number of the month before it.

import { formatDate, fromDayNumber, toDayNumber } from './dates';

export interface LunarDate {
  readonly day: number;
  readonly month: number;
  readonly year: number;
  /** True in a leap (intercalary) month, which repeats the number of the month before it. */
  readonly leap: boolean;
}

const TIME_ZONE_HOURS = 7;
/** Julian Day Number of 1970-01-01, so that JDN = day number + this. */
const JDN_OF_UNIX_EPOCH = 2_440_588;
/** The new moon of 1900-01-01 (k = 0 in the series below), as a Julian Day. */
const FIRST_NEW_MOON_JD = 2_415_021.076998695;
const SYNODIC_MONTH = 29.530588853;
const RAD = Math.PI / 180;

/** Julian Day (UT, fractional) of the k-th new moon after 1900-01-01 (Meeus, Astronomical Algorithms). */
function newMoonJulianDay(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900-01-01
  const t2 = t * t;
  const t3 = t2 * t;
  const meanJd =
    2_415_020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const moonLatitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * moonLatitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * moonLatitude + sunAnomaly) -
    0.0004 * Math.sin(2 * moonLatitude - sunAnomaly) -
    0.0006 * Math.sin(2 * moonLatitude + moonAnomaly) +
    0.001 * Math.sin(2 * moonLatitude - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // ΔT (TT − UT), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return meanJd + correction - deltaT;
}

/** Sun's apparent longitude in radians, [0, 2π), at a Julian Day (Meeus, low precision). */
function sunLongitude(julianDay: number): number {
  const t = (julianDay - 2_451_545.0) / 36_525; // Julian centuries since J2000.0
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + centre) * RAD;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** JDN of the local (UTC+7) day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJulianDay(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Which 30° sector (0…11) the sun is in at local midnight starting the given JDN; one major term per sector. */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** JDN of the first day of lunar month 11 (the month holding the winter solstice) of a solar year. */
function month11Start(solarYear: number): number {
  const offset = toDayNumber(formatDate(solarYear, 12, 31)) + JDN_OF_UNIX_EPOCH - 2_415_021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // Sector ≥ 9 means the sun is already past 270° (the solstice) at that new moon: month 11 began a month earlier.
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

function lunationIndex(jdn: number): number {
  return Math.floor((jdn - FIRST_NEW_MOON_JD) / SYNODIC_MONTH + 0.5);
}

/**
 * Offset (in months from month 11) of the leap month in the 13-month span starting at a11:
 * the first month with no major solar term, i.e. whose start and next start share a sun sector.
 */
function leapMonthOffset(a11: number): number {
  const k = lunationIndex(a11);
  let offset = 1;
  let sector = sunSector(newMoonDay(k + offset));
  let previous: number;
  do {
    previous = sector;
    offset++;
    sector = sunSector(newMoonDay(k + offset));
  } while (sector !== previous && offset < 14);
  return offset - 1;
}

/** The Vietnamese lunar date of a solar date ('YYYY-MM-DD'). */
export function solarToLunar(date: string): LunarDate {
  const dayNumber = toDayNumber(date);
  const jdn = dayNumber + JDN_OF_UNIX_EPOCH;
  const solarYear = Number(date.slice(0, 4));
  // The mean-month estimate can land one lunation late when the true new moon runs late (the
  // published code then yields "day 0", e.g. on 2062-04-09), so step back until it is not after jdn.
  let k = Math.floor((jdn - FIRST_NEW_MOON_JD) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k);
  while (monthStart > jdn) monthStart = newMoonDay(--k);

  let a11 = month11Start(solarYear);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = solarYear;
    a11 = month11Start(solarYear - 1);
  } else {
    year = solarYear + 1;
    b11 = month11Start(solarYear + 1);
  }

  const monthsSince11 = Math.floor((monthStart - a11) / 29);
  let month = monthsSince11 + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    if (monthsSince11 >= leapOffset) {
      month = monthsSince11 + 10;
      leap = monthsSince11 === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 (and a leap 11/12) belong to the lunar year that started before a11.
  if (month >= 11 && monthsSince11 < 4) year -= 1;
  return { day: jdn - monthStart + 1, month, year, leap };
}

/** First day (JDN) and length in days of a lunar month; RangeError if the month does not exist. */
function lunarMonthSpan(month: number, year: number, leap: boolean): { start: number; length: number } {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year)) {
    throw new RangeError(`Invalid lunar month ${month}/${year}`);
  }
  // Months 11 and 12 of a lunar year start after the month 11 of the same-numbered solar year.
  const a11 = month < 11 ? month11Start(year - 1) : month11Start(year);
  const b11 = month < 11 ? month11Start(year) : month11Start(year + 1);
  let offset = (month - 11 + 12) % 12;
  let hasLeap = false;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    const leapMonth = (leapOffset - 2 + 12) % 12;
    hasLeap = leap && month === leapMonth;
    if (hasLeap || offset >= leapOffset) offset += 1;
  }
  if (leap && !hasLeap) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  const k = lunationIndex(a11) + offset;
  const start = newMoonDay(k);
  return { start, length: newMoonDay(k + 1) - start };
}

/** The solar date ('YYYY-MM-DD') of a Vietnamese lunar date; RangeError if that lunar date does not exist. */
export function lunarToSolar(day: number, month: number, year: number, leap = false): string {
  const { start, length } = lunarMonthSpan(month, year, leap);
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(
      `Lunar ${leap ? 'leap ' : ''}month ${month}/${year} has ${length} days, not day ${day}`,
    );
  }
  return fromDayNumber(start + day - 1 - JDN_OF_UNIX_EPOCH);
}

/** Tết: the solar date of the 1st day of the 1st lunar month of a lunar year. */
export function lunarNewYear(year: number): string {
  return lunarToSolar(1, 1, year);
}
