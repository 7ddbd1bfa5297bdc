import { timingSafeEqual } from 'node:crypto';

const LAST4 = /^\d{4}$/;
// Compared against when the dossier or its phone is missing, so every path does the same work.
const NO_PHONE = Buffer.from('\0\0\0\0');

/** The last four digits of a stored phone number ("+84 912 345 678" → "5678"), or null. */
export function lastFourDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/**
 * Whether `given` is the last four digits of the stored phone, compared in constant time:
 * how long it takes says nothing about how many digits were right.
 */
export function phoneLast4Matches(
  storedPhone: string | null | undefined,
  given: string | undefined,
): boolean {
  const expected = lastFourDigits(storedPhone);
  const givenOk = typeof given === 'string' && LAST4.test(given);
  const equal = timingSafeEqual(
    expected ? Buffer.from(expected) : NO_PHONE,
    givenOk ? Buffer.from(given) : NO_PHONE,
  );
  return equal && expected !== null && givenOk;
}
