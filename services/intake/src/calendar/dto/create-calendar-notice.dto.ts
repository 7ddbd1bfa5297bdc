import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { HOLIDAY_IDS, type HolidayId, type HolidayKind, type OverrideType } from '@motcua/calendar';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a real date YYYY-MM-DD';

export class LocalizedNameDto {
  @ApiProperty({ example: 'Nghỉ Tết Nguyên đán' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  vi: string;

  @ApiProperty({ example: 'Lunar New Year holiday' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  en: string;
}

export class NoticeDayDto {
  @ApiProperty({ example: '2027-02-04', description: 'First day (inside the notice year)' })
  @Matches(DATE, { message: `from ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `from ${DATE_MESSAGE}` })
  from: string;

  @ApiPropertyOptional({ example: '2027-02-10', description: 'Last day, inclusive (defaults to `from`)' })
  @IsOptional()
  @Matches(DATE, { message: `to ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `to ${DATE_MESSAGE}` })
  to?: string;

  @ApiProperty({
    enum: ['HOLIDAY', 'WORKDAY'],
    description: 'HOLIDAY: days off; WORKDAY: days worked (a swap)',
  })
  @IsIn(['HOLIDAY', 'WORKDAY'])
  type: OverrideType;

  @ApiPropertyOptional({
    enum: HOLIDAY_IDS,
    description: 'The statutory holiday these rows replace (its computed days and compensation), e.g. TET',
  })
  @IsOptional()
  @IsIn(HOLIDAY_IDS)
  holiday?: HolidayId;

  @ApiPropertyOptional({ enum: ['HOLIDAY', 'COMPENSATORY'], description: 'Only on HOLIDAY rows' })
  @IsOptional()
  @IsIn(['HOLIDAY', 'COMPENSATORY'])
  kind?: HolidayKind;

  @ApiPropertyOptional({ type: LocalizedNameDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name?: LocalizedNameDto;
}

export class CreateCalendarNoticeDto {
  @ApiProperty({ example: '8726/VPCP-KGVX', description: 'The notice number: unique, the idempotency key' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N}./_ -]*$/u, {
    message: 'number must be letters, digits, ".", "/", "_", "-"',
  })
  number: string;

  @ApiProperty({ example: '2026-11-26', description: 'Date the notice was issued' })
  @Matches(DATE, { message: `issuedOn ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `issuedOn ${DATE_MESSAGE}` })
  issuedOn: string;

  @ApiProperty({ example: 'Văn phòng Chính phủ', description: 'Who issued it (the source)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  issuer: string;

  @ApiPropertyOptional({ example: 'Thủ tướng đồng ý nghỉ Tết Âm lịch năm 2027' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiProperty({ example: 2027, description: 'The solar year the rows belong to' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({
    example: '2026-11-26',
    description: 'From when the notice counts; among notices on the same days the latest effective date wins',
  })
  @Matches(DATE, { message: `effectiveFrom ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `effectiveFrom ${DATE_MESSAGE}` })
  effectiveFrom: string;

  @ApiProperty({ type: [NoticeDayDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  // ValidateNested alone lets an item that is an array through to the service.
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => NoticeDayDto)
  days: NoticeDayDto[];
}
