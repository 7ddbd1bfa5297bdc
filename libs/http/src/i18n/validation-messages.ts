import { getMetadataStorage, ValidationError } from 'class-validator';
import { localized, type LocalizedText } from './language';

/** Formats the validators check by pattern, named the way a clerk reads them. */
const KNOWN_FORMATS: ReadonlyArray<[source: string, vi: string]> = [
  ['^\\d{4}-\\d{2}-\\d{2}$', 'phải là ngày dạng YYYY-MM-DD'],
  ['^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$', 'phải là mã cơ quan dạng 000.00.12.H49 (QCVN 102:2016)'],
  ['^\\d{12}$', 'phải gồm đúng 12 chữ số'],
  ['^[0-9]{12}$', 'phải gồm đúng 12 chữ số'],
  ['^\\d{4}$', 'phải gồm đúng 4 chữ số'],
  ['^(\\+84|0)\\d{9,10}$', 'phải là số điện thoại Việt Nam (0 hoặc +84, rồi 9-10 chữ số)'],
];

/** The Vietnamese sentence of the ID-number checks (libs/identity registers one constraint per problem). */
const PERSONAL_ID: Record<string, string> = {
  personalIdFormat: 'phải là số định danh cá nhân gồm đúng 12 chữ số',
  personalIdProvince: 'có mã tỉnh (chữ số 1-3) không tồn tại',
  personalIdCenturySex: 'có mã thế kỷ và giới tính (chữ số 4) không hợp lệ',
  personalIdBirthYear: 'có năm sinh (chữ số 5-6) không khớp với ngày sinh đã khai',
  personalIdSexMismatch: 'có mã giới tính (chữ số 4) không khớp với giới tính đã khai',
};

const list = (values: unknown) => (Array.isArray(values) ? values.map(String).join(', ') : String(values));

/** The constraint's arguments (e.g. the bound of @Min), read back from class-validator's metadata. */
function argumentsOf(error: ValidationError, constraint: string): unknown[] {
  const target = (error.target as object | undefined)?.constructor;
  if (typeof target !== 'function') return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === constraint);
  return (metadata?.constraints as unknown[] | undefined) ?? [];
}

function vietnamese(error: ValidationError, constraint: string, field: string): string {
  const given = (error.contexts?.[constraint] as { vi?: unknown } | undefined)?.vi;
  if (typeof given === 'string') return given;
  const [first, second] = argumentsOf(error, constraint);
  const says = (rest: string) => `${field} ${rest}`;
  if (PERSONAL_ID[constraint]) return says(PERSONAL_ID[constraint]);
  switch (constraint) {
    case 'whitelistValidation':
      return says('không phải là trường được phép gửi');
    case 'isDefined':
    case 'isNotEmpty':
      return says('là bắt buộc và không được để trống');
    case 'isString':
      return says('phải là chuỗi ký tự');
    case 'isInt':
      return says('phải là số nguyên');
    case 'isNumber':
      return says('phải là số');
    case 'isBoolean':
      return says('phải là true hoặc false');
    case 'min':
      return says(`phải lớn hơn hoặc bằng ${String(first)}`);
    case 'max':
      return says(`phải nhỏ hơn hoặc bằng ${String(first)}`);
    case 'minLength':
      return says(`phải có ít nhất ${String(first)} ký tự`);
    case 'maxLength':
      return says(`chỉ được có tối đa ${String(first)} ký tự`);
    case 'isLength':
      return second === undefined
        ? says(`phải có ít nhất ${String(first)} ký tự`)
        : says(`phải có từ ${String(first)} đến ${String(second)} ký tự`);
    case 'matches': {
      const source = first instanceof RegExp ? first.source : String(first);
      const known = KNOWN_FORMATS.find(([pattern]) => pattern === source);
      return says(known ? known[1] : `không đúng định dạng (mẫu ${source})`);
    }
    case 'isIn':
      return says(`phải là một trong các giá trị: ${list(first)}`);
    case 'isEnum':
      return says(`phải là một trong các giá trị: ${list(second)}`);
    case 'isArray':
      return says('phải là một danh sách');
    case 'arrayMinSize':
      return says(`phải có ít nhất ${String(first)} phần tử`);
    case 'arrayMaxSize':
      return says(`chỉ được có tối đa ${String(first)} phần tử`);
    case 'isObject':
    case 'nestedValidation':
      return says('phải là một đối tượng JSON');
    case 'isUuid':
      return says('phải là một UUID');
    case 'isEmail':
      return says('phải là một địa chỉ email');
    case 'isUrl':
      return says('phải là một địa chỉ URL');
    case 'isInstant':
      return says('phải là thời điểm theo RFC 3339, ví dụ 2026-03-02T09:30:00+07:00');
    case 'isOfficeHours':
      return says('phải là danh sách 1 đến 6 khoảng giờ làm việc dạng ["HH:MM", "HH:MM"]');
    default:
      return says('không hợp lệ');
  }
}

/** One failed constraint of a field, in English (the validator's own words) and in Vietnamese. */
export function validationMessage(
  error: ValidationError,
  constraint: string,
  english: string,
  field: string,
): LocalizedText {
  return localized(english, vietnamese(error, constraint, field));
}
