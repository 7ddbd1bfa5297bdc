import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@motcua/auth';
import { officeHoursProblem } from '../office-hours';

/** Refuses anything the working-hour calendar could not use, naming the interval at fault. */
function IsOfficeHours() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isOfficeHours',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => officeHoursProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${officeHoursProblem(args.value) ?? 'is invalid'}`,
      },
    });
}

export class CreateAgencyDto {
  @ApiProperty({ example: '000.01.12.H49', description: 'QCVN 102:2016 agency code V1V2V3.Z1Z2.Y1Y2.MX1X2' })
  @Matches(AGENCY_CODE_PATTERN, { message: 'code must look like 000.00.12.H49 (QCVN 102:2016)' })
  code: string;

  @ApiProperty({ example: 'Phòng Công chứng số 2' })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({
    example: '000.00.12.H49',
    description: 'Required unless the agency is level 1 (a province, ministry or council)',
  })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: 'parentCode must look like 000.00.12.H49 (QCVN 102:2016)' })
  parentCode?: string;

  @ApiPropertyOptional({
    example: [
      ['07:30', '11:30'],
      ['13:00', '17:00'],
    ],
    description: 'Daily office hours in Vietnam time; defaults to 07:30-11:30 and 13:00-17:00',
    type: 'array',
    items: { type: 'array', items: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, minItems: 2, maxItems: 2 },
  })
  @IsOptional()
  @IsOfficeHours()
  officeHours?: [string, string][];

  @ApiPropertyOptional({ example: 'Trung tâm Phục vụ hành chính công tỉnh' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}
