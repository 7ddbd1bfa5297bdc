import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel, SEXES, type Sex } from '@motcua/contracts';
import { AGENCY_CODE_PATTERN } from '@motcua/auth';
import { IsVietnamesePersonalId } from '@motcua/identity';

export class ApplicantDto {
  @ApiProperty({
    example: '001203004567',
    pattern: '^\\d{12}$',
    description:
      '12-digit personal identification number; province, century/sex and birth-year digits must agree with dateOfBirth and sex',
  })
  @IsVietnamesePersonalId({ dateOfBirthField: 'dateOfBirth', sexField: 'sex' })
  idNumber: string;

  @ApiProperty({ example: 'Nguyễn Văn An', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  fullName: string;

  @ApiProperty({ example: '2003-05-14', format: 'date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth: string;

  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional({ example: '0912345678', pattern: '^(\\+84|0)\\d{9,10}$' })
  @IsOptional()
  @Matches(/^(\+84|0)\d{9,10}$/, {
    message: 'phone must be a Vietnamese phone number (0xxxxxxxxx or +84xxxxxxxxx)',
  })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class ComponentDto {
  @ApiProperty({ example: 'TK01' })
  @IsString()
  @Length(1, 50)
  code: string;

  @ApiProperty()
  @IsBoolean()
  provided: boolean;
}

export class CreateDossierDto {
  @ApiProperty({ example: '1.001193' })
  @IsString()
  @Length(1, 60)
  procedureCode: string;

  @ApiProperty({ example: '000.00.12.H49', pattern: AGENCY_CODE_PATTERN.source })
  @Matches(AGENCY_CODE_PATTERN, { message: 'agencyCode must look like 000.00.12.H49 (QCVN 102:2016)' })
  agencyCode: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ type: ApplicantDto })
  // ValidateNested alone lets a missing applicant through to the service.
  @IsObject({ message: 'applicant must be an object' })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiPropertyOptional({ type: [ComponentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  // ValidateNested alone lets an item that is an array (e.g. `[[]]`) through to the service.
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ComponentDto)
  components?: ComponentDto[];
}
