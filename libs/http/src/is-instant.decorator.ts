import { ValidateBy, ValidationOptions, isISO8601 } from 'class-validator';

/** RFC 3339: a date, or a date and time with seconds optional and a zone (Z or ±hh:mm). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An instant `new Date()` reads as written: RFC 3339 (a bare date is midnight UTC) and a real calendar date. */
export function isInstant(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    INSTANT.test(value) &&
    isISO8601(value, { strict: true }) &&
    Number.isFinite(Date.parse(value))
  );
}

/**
 * Instead of @IsISO8601, which also lets through week and ordinal forms (`2020-W01`) that `new Date()` cannot read:
 * they reached the database as an Invalid Date (a 500).
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an RFC 3339 date-time such as 2026-03-02T09:30:00+07:00`,
      },
    },
    options,
  );
}
