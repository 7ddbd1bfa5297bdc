import { FieldSchemaValidator } from '../../src/schemas/field-schema-validator';
import { SEED_SCHEMAS } from '../../src/migrations/1764547200000-component-schema-seeds';

const birthForm = SEED_SCHEMAS.find(
  (s) => s.procedureCode === '1.001193' && s.componentCode === 'TK01',
)!.schema;

const validBirthForm = {
  child: {
    fullName: 'Nguyễn Minh Khang',
    sex: 'MALE',
    dateOfBirth: '2026-11-20',
    placeOfBirth: 'Bệnh viện Sản Nhi Quảng Ninh',
    ethnicity: 'Kinh',
    nationality: 'Việt Nam',
  },
  mother: { fullName: 'Trần Thị Mai', dateOfBirth: '1996-03-02', idNumber: '022196000123' },
  declarant: { fullName: 'Nguyễn Văn Hùng', idNumber: '022094000456', relationship: 'Cha' },
};

describe('FieldSchemaValidator', () => {
  const validator = new FieldSchemaValidator();

  it('compiles every seeded schema', () => {
    for (const seed of SEED_SCHEMAS) expect(() => validator.compile(seed.schema)).not.toThrow();
  });

  it('accepts a complete birth registration form', () => {
    expect(validator.errorsOf(birthForm, validBirthForm)).toEqual([]);
  });

  it('names each wrong field under data', () => {
    const errors = validator.errorsOf(birthForm, {
      ...validBirthForm,
      child: { ...validBirthForm.child, dateOfBirth: '20/11/2026', sex: 'M' },
      declarant: { fullName: 'Nguyễn Văn Hùng', relationship: 'Cha', nickname: 'x' },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          field: 'data.child.dateOfBirth',
          message: {
            en: 'data.child.dateOfBirth must match format "date"',
            vi: 'data.child.dateOfBirth phải có định dạng date',
          },
        },
        {
          field: 'data.child.sex',
          message: {
            en: 'data.child.sex must be equal to one of the allowed values',
            vi: 'data.child.sex phải là một trong các giá trị: MALE, FEMALE',
          },
        },
        {
          field: 'data.declarant.idNumber',
          message: { en: 'data.declarant.idNumber is required', vi: 'data.declarant.idNumber là bắt buộc' },
        },
        {
          field: 'data.declarant.nickname',
          message: {
            en: 'data.declarant.nickname is not a field of this form',
            vi: 'data.declarant.nickname không phải là trường của tờ khai này',
          },
        },
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('refuses data that is not an object', () => {
    expect(validator.errorsOf(birthForm, ['a'])).toEqual([
      { field: 'data', message: { en: 'data must be object', vi: 'data phải có kiểu object' } },
    ]);
  });

  it('refuses a schema ajv cannot use', () => {
    expect(() => validator.compile({ type: 'object', properties: { a: { type: 'strnig' } } })).toThrow();
    expect(() => validator.compile({ type: 'object', unknownKeyword: true })).toThrow();
  });
});
