import { StringOptions, Type, TUnsafe } from '@sinclair/typebox';

/**
 * Building blocks of the event schemas. Each emits exactly the JSON Schema the hand-written v1 schemas had (a bare
 * `enum`, `anyOf` with null), so moving to TypeBox changed no event's wire format or validation.
 */
export const IsoDateTime = () => Type.String({ format: 'date-time' });
export const NonEmptyText = (options: StringOptions = {}) => Type.String({ minLength: 1, ...options });
export const Sha256 = () => Type.String({ pattern: '^[0-9a-f]{64}$' });
export const NullableIsoDateTime = () => Type.Union([IsoDateTime(), Type.Null()]);

/** `{ enum: [...] }` typed as the union of its values (TypeBox's own union would emit `anyOf` of `const`s). */
export const StringEnum = <const T extends readonly string[]>(values: T): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ enum: [...values] });

/**
 * What a document of a dossier is: the applicant's (APPLICATION, SUPPORTING), the agency's decision (RESULT), or a
 * one-stop form the agency issued (FORM: 01-05, stored by digitization from dossier.form-issued; additive in v1).
 */
export const DOCUMENT_KINDS = ['APPLICATION', 'SUPPORTING', 'RESULT', 'FORM'] as const;
export const DIGITIZATION_LEVELS = ['SCAN_ONLY', 'STRUCTURED'] as const;

/** Additive in v1 (optional): the dossier code under the name every other event uses; equals `code`. */
export const DossierCodeAlias = () =>
  Type.Optional(
    NonEmptyText({
      description:
        'The dossier code under the one name all events share; equals `code` (added to v1, optional).',
    }),
  );
