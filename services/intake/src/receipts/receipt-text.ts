/** Vietnamese wording of amounts and times on printed forms. */

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** 135000 → "135.000 đồng" (dot as the thousands separator, whole đồng). */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`a fee must be a whole, non-negative number of đồng: ${amount}`);
  }
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

export interface VietnamDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function vietnamDateTimeParts(instant: string | Date): VietnamDateTimeParts {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "ngày 05 tháng 02 năm 2026": administrative style (Decree 30/2020/NĐ-CP) writes days below 10
 * and the months January and February with a leading zero, other months without.
 */
export function formatVietnamDate(instant: string | Date): string {
  const { year, month, day } = vietnamDateTimeParts(instant);
  return `ngày ${two(day)} tháng ${month <= 2 ? two(month) : month} năm ${year}`;
}

/** "14 giờ 05 phút, ngày 27 tháng 11 năm 2026", in Vietnam time. */
export function formatVietnamDateTime(instant: string | Date): string {
  const { hour, minute } = vietnamDateTimeParts(instant);
  return `${two(hour)} giờ ${two(minute)} phút, ${formatVietnamDate(instant)}`;
}
