import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { SEXES, type Sex } from '@motcua/contracts';
import { IdNumberProblemCode, validateIdNumber } from './personal-id';

export interface VietnamesePersonalIdOptions {
  /** Sibling property holding the declared date of birth (YYYY-MM-DD); checked against digits 4-6. */
  dateOfBirthField?: string;
  /** Sibling property holding the declared sex ('MALE' | 'FEMALE'); checked against digit 4. */
  sexField?: string;
}

/** One class-validator constraint per problem, so each becomes its own entry in `errors[]`. */
const CONSTRAINTS: ReadonlyArray<[name: string, code: IdNumberProblemCode]> = [
  ['personalIdFormat', 'FORMAT'],
  ['personalIdProvince', 'PROVINCE'],
  ['personalIdCenturySex', 'CENTURY_SEX'],
  ['personalIdBirthYear', 'BIRTH_YEAR'],
  ['personalIdSexMismatch', 'SEX_MISMATCH'],
];

function problemsOf(args: ValidationArguments, options: VietnamesePersonalIdOptions) {
  const object = args.object as Record<string, unknown>;
  const dateOfBirth = options.dateOfBirthField ? object[options.dateOfBirthField] : undefined;
  const sex = options.sexField ? object[options.sexField] : undefined;
  return validateIdNumber(args.value, {
    dateOfBirth: typeof dateOfBirth === 'string' ? dateOfBirth : undefined,
    // An invalid sex is the sex field's own error, not the ID number's.
    sex: SEXES.includes(sex as Sex) ? (sex as Sex) : undefined,
  }).problems;
}

/**
 * A 12-digit personal identification number whose province, century/sex and birth-year digits are
 * consistent (DOMAIN.md §5), checked against sibling fields when named:
 *
 *   @IsVietnamesePersonalId({ dateOfBirthField: 'dateOfBirth', sexField: 'sex' })
 *   idNumber: string;
 *
 * Problems are reported on the decorated property (so the problem details name `applicant.idNumber`)
 * as "idNumber: digits 5-6 (03) do not match the birth year 2004". It includes the 12-digit format
 * check, so it replaces `@Matches(/^\d{12}$/)` rather than sitting beside it.
 */
export function IsVietnamesePersonalId(
  options: VietnamesePersonalIdOptions = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    for (const [name, code] of CONSTRAINTS) {
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        constraints: [options],
        options: validationOptions,
        validator: {
          validate: (_value: unknown, args: ValidationArguments) =>
            !problemsOf(args, options).some((problem) => problem.code === code),
          defaultMessage: (args: ValidationArguments) => {
            const problem = problemsOf(args, options).find((p) => p.code === code);
            return `${args.property}: ${problem?.message ?? 'is not a valid personal identification number'}`;
          },
        },
      });
    }
  };
}
