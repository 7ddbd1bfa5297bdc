export {
  centurySexDigit,
  EXAMPLE_ID_NUMBER,
  decodeIdNumber,
  provinceOf,
  validateIdNumber,
  type DecodedIdNumber,
  type DeclaredIdentity,
  type IdNumberProblem,
  type IdNumberProblemCode,
  type IdNumberValidation,
  type Province,
} from './personal-id';
export {
  BIRTH_REGISTRATION_PROVINCES,
  BIRTH_REGISTRATION_PROVINCE_CODES,
} from './birth-registration-provinces';
export {
  IsVietnamesePersonalId,
  type VietnamesePersonalIdOptions,
} from './is-vietnamese-personal-id.decorator';
