import { plainToInstance, Type } from 'class-transformer';
import { IsOptional, validate, ValidateNested } from 'class-validator';
import { flattenValidationErrors } from '@motcua/http';
import { IsVietnamesePersonalId } from '../src/is-vietnamese-personal-id.decorator';

class ApplicantShape {
  @IsVietnamesePersonalId({ dateOfBirthField: 'dateOfBirth', sexField: 'sex' })
  idNumber: string;

  dateOfBirth: string;

  @IsOptional()
  sex?: string;
}

class BodyShape {
  @ValidateNested()
  @Type(() => ApplicantShape)
  applicant: ApplicantShape;
}

class StructureOnly {
  @IsVietnamesePersonalId()
  idNumber: string;
}

async function fieldErrors(plain: object, cls: new () => object = BodyShape) {
  return flattenValidationErrors(await validate(plainToInstance(cls, plain)));
}

describe('@IsVietnamesePersonalId', () => {
  it('accepts a number that agrees with the declared date of birth and sex', async () => {
    const errors = await fieldErrors({
      applicant: { idNumber: '001203004567', dateOfBirth: '2003-05-14', sex: 'MALE' },
    });
    expect(errors).toEqual([]);
  });

  it('reports each disagreement on applicant.idNumber', async () => {
    const errors = await fieldErrors({
      applicant: { idNumber: '001303004567', dateOfBirth: '2004-05-14', sex: 'MALE' },
    });
    expect(errors).toEqual([
      {
        field: 'applicant.idNumber',
        message: {
          en: 'idNumber: digits 5-6 (03) do not match the birth year 2004',
          vi: 'applicant.idNumber có năm sinh (chữ số 5-6) không khớp với ngày sinh đã khai',
        },
      },
      {
        field: 'applicant.idNumber',
        message: {
          en: 'idNumber: digit 4 (3) stands for a female citizen, but sex is MALE',
          vi: 'applicant.idNumber có mã giới tính (chữ số 4) không khớp với giới tính đã khai',
        },
      },
    ]);
  });

  it('reports a malformed number once, as a format problem', async () => {
    const errors = await fieldErrors({ applicant: { idNumber: '12', dateOfBirth: '2003-05-14' } });
    expect(errors).toEqual([
      {
        field: 'applicant.idNumber',
        message: {
          en: 'idNumber: must be exactly 12 digits',
          vi: 'applicant.idNumber phải là số định danh cá nhân gồm đúng 12 chữ số',
        },
      },
    ]);
    const missing = await fieldErrors({ applicant: { dateOfBirth: '2003-05-14' } });
    expect(missing.map((e) => e.message.en)).toEqual(['idNumber: must be exactly 12 digits']);
  });

  it("leaves an invalid date of birth or sex to those fields' own validators", async () => {
    const errors = await fieldErrors({
      applicant: { idNumber: '001203004567', dateOfBirth: 'yesterday', sex: 'OTHER' },
    });
    expect(errors).toEqual([]);
  });

  it('checks structure alone when no sibling fields are named', async () => {
    expect(await fieldErrors({ idNumber: '001203004567' }, StructureOnly)).toEqual([]);
    expect(await fieldErrors({ idNumber: '002803004567' }, StructureOnly)).toEqual([
      {
        field: 'idNumber',
        message: {
          en: 'idNumber: digit 4 (8) stands for a birth in 2300-2399, which has not begun',
          vi: 'idNumber có mã thế kỷ và giới tính (chữ số 4) không hợp lệ',
        },
      },
    ]);
  });

  it('never puts the number itself into a message', async () => {
    const idNumber = '099103004567';
    const errors = await fieldErrors({ applicant: { idNumber, dateOfBirth: '2004-05-14', sex: 'MALE' } });
    expect(errors).toHaveLength(4);
    expect(JSON.stringify(errors)).not.toContain(idNumber);
  });
});
