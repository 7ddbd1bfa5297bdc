/**
 * Part of migration 1764547200000 and frozen with it (later changes are new migrations or admin updates).
 * Field schemas of a few real procedures' forms, seeded by migration (admins set others at run time):
 * the data a clerk extracts from the form is what later procedures reuse instead of asking again.
 * Field names follow the forms' own headings (Circular 04/2020/TT-BTP for civil status, CT01 for residence).
 */
const idNumber = { type: 'string', pattern: '^[0-9]{12}$' } as const;
const fullName = { type: 'string', minLength: 1, maxLength: 200 } as const;
const date = { type: 'string', format: 'date' } as const;
const place = { type: 'string', minLength: 1, maxLength: 500 } as const;
const sex = { enum: ['MALE', 'FEMALE'] } as const;

const person = (required: string[]) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties: {
    fullName,
    idNumber,
    dateOfBirth: date,
    ethnicity: { type: 'string', maxLength: 100 },
    nationality: { type: 'string', maxLength: 100 },
    residence: place,
  },
});

export interface SeedSchema {
  procedureCode: string;
  componentCode: string;
  schema: Record<string, unknown>;
}

export const SEED_SCHEMAS: SeedSchema[] = [
  {
    // Đăng ký khai sinh: Tờ khai đăng ký khai sinh.
    procedureCode: '1.001193',
    componentCode: 'TK01',
    schema: {
      type: 'object',
      required: ['child', 'mother', 'declarant'],
      additionalProperties: false,
      properties: {
        child: {
          type: 'object',
          required: ['fullName', 'sex', 'dateOfBirth', 'placeOfBirth', 'ethnicity', 'nationality'],
          additionalProperties: false,
          properties: {
            fullName,
            sex,
            dateOfBirth: date,
            placeOfBirth: place,
            ethnicity: { type: 'string', minLength: 1, maxLength: 100 },
            nationality: { type: 'string', minLength: 1, maxLength: 100 },
            hometown: place,
          },
        },
        mother: person(['fullName', 'dateOfBirth']),
        father: person(['fullName', 'dateOfBirth']),
        declarant: {
          type: 'object',
          required: ['fullName', 'idNumber', 'relationship'],
          additionalProperties: false,
          properties: { fullName, idNumber, relationship: { type: 'string', minLength: 1, maxLength: 50 } },
        },
      },
    },
  },
  {
    // Đăng ký kết hôn: Tờ khai đăng ký kết hôn.
    procedureCode: '1.000894',
    componentCode: 'TK01',
    schema: {
      type: 'object',
      required: ['husband', 'wife'],
      additionalProperties: false,
      properties: {
        husband: person(['fullName', 'idNumber', 'dateOfBirth', 'residence']),
        wife: person(['fullName', 'idNumber', 'dateOfBirth', 'residence']),
        marriageNumberInFamily: { type: 'integer', minimum: 1 },
      },
    },
  },
  {
    // Đăng ký thường trú: Tờ khai thay đổi thông tin cư trú (Mẫu CT01).
    procedureCode: '1.004222',
    componentCode: 'CT01',
    schema: {
      type: 'object',
      required: ['applicant', 'newResidence', 'householdHead'],
      additionalProperties: false,
      properties: {
        applicant: person(['fullName', 'idNumber', 'dateOfBirth']),
        newResidence: place,
        householdHead: {
          type: 'object',
          required: ['fullName', 'idNumber', 'relationship'],
          additionalProperties: false,
          properties: { fullName, idNumber, relationship: { type: 'string', minLength: 1, maxLength: 50 } },
        },
      },
    },
  },
];
