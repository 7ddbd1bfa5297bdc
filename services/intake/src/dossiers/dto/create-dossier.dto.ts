import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  isEmail,
  IsEmail,
  IsIn,
  isISO8601,
  IsISO8601,
  isObject,
  IsObject,
  IsOptional,
  IsString,
  length,
  Length,
  matches,
  Matches,
  maxLength,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel, SEXES, type Sex } from '@motcua/contracts';
import { AGENCY_CODE_PATTERN } from '@motcua/auth';
import { registerFastBodyCheck } from '@motcua/http';
import { IsVietnamesePersonalId, validateIdNumber } from '@motcua/identity';

const DATE_OF_BIRTH = /^\d{4}-\d{2}-\d{2}$/;
const PHONE = /^(\+84|0)\d{9,10}$/;

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
  @Matches(DATE_OF_BIRTH, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth: string;

  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional({ example: '0912345678', pattern: '^(\\+84|0)\\d{9,10}$' })
  @IsOptional()
  @Matches(PHONE, {
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

// POST /dossiers is the hot route (issue 16): its body is checked by hand first, with class-validator's own predicates
// for the decorators above (keep the two in step; test/dossiers/create-dossier-fast-check.spec.ts compares them).
// What this does not accept (and every refusal) goes through class-validator; IsOptional lets null through there.
const APPLICANT_KEYS = new Set(['idNumber', 'fullName', 'dateOfBirth', 'sex', 'phone', 'email', 'address']);
const COMPONENT_KEYS = new Set(['code', 'provided']);
const DOSSIER_KEYS = new Set(['procedureCode', 'agencyCode', 'channel', 'applicant', 'components']);

const onlyKeys = (value: object, allowed: ReadonlySet<string>) =>
  Object.keys(value).every((k) => allowed.has(k));
// class-validator's `matches` is typed for strings but checks the type itself, as its decorator relies on.
const absent = (value: unknown) => value === undefined || value === null;
// validator's isEmail throws (encodeURI) on a lone surrogate: such a value is left to the pipe.
const LONE_SURROGATE = /\p{Cs}/u;

function acceptApplicant(value: unknown): ApplicantDto | undefined {
  if (!isObject(value) || !onlyKeys(value, APPLICANT_KEYS)) return undefined;
  const a = value as Record<string, unknown>;
  const ok =
    validateIdNumber(a.idNumber, {
      dateOfBirth: typeof a.dateOfBirth === 'string' ? a.dateOfBirth : undefined,
      sex: SEXES.includes(a.sex as Sex) ? (a.sex as Sex) : undefined,
    }).valid &&
    length(a.fullName, 1, 200) &&
    matches(a.dateOfBirth as string, DATE_OF_BIRTH) &&
    isISO8601(a.dateOfBirth, { strict: true }) &&
    (absent(a.sex) || SEXES.includes(a.sex as Sex)) &&
    (absent(a.phone) || matches(a.phone as string, PHONE)) &&
    (absent(a.email) ||
      (typeof a.email === 'string' &&
        !LONE_SURROGATE.test(a.email) &&
        isEmail(a.email) &&
        maxLength(a.email, 200))) &&
    (absent(a.address) || maxLength(a.address, 500));
  return ok ? Object.assign(new ApplicantDto(), a) : undefined;
}

function acceptComponent(value: unknown): ComponentDto | undefined {
  if (!isObject(value) || !onlyKeys(value, COMPONENT_KEYS)) return undefined;
  const c = value as Record<string, unknown>;
  return length(c.code, 1, 50) && typeof c.provided === 'boolean'
    ? Object.assign(new ComponentDto(), c)
    : undefined;
}

export function acceptCreateDossier(value: unknown): CreateDossierDto | undefined {
  if (!isObject(value) || !onlyKeys(value, DOSSIER_KEYS)) return undefined;
  const d = value as Record<string, unknown>;
  if (
    !length(d.procedureCode, 1, 60) ||
    !matches(d.agencyCode as string, AGENCY_CODE_PATTERN) ||
    !CHANNELS.includes(d.channel as Channel)
  )
    return undefined;
  const applicant = acceptApplicant(d.applicant);
  if (!applicant) return undefined;
  const nested: Partial<CreateDossierDto> = { applicant };
  if (!absent(d.components)) {
    if (!Array.isArray(d.components) || d.components.length > 100) return undefined;
    const components = d.components.map(acceptComponent);
    if (!components.every((c) => c !== undefined)) return undefined;
    nested.components = components;
  }
  return Object.assign(new CreateDossierDto(), d, nested);
}

registerFastBodyCheck(CreateDossierDto, acceptCreateDossier);
