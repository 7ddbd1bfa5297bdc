import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  LIMIT_UNITS,
  PROCEDURE_AGENCY_LEVELS,
  type LimitUnit,
  type ProcedureAgencyLevel,
} from '../procedure-catalogue';

export class ProcessingLimitDto {
  @ApiProperty({ example: 5, description: 'How many units; at most two decimals (half a day is 0.5)' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1000)
  value: number;

  @ApiProperty({ enum: LIMIT_UNITS, example: 'WORKING_DAYS' })
  @IsIn(LIMIT_UNITS)
  unit: LimitUnit;
}

export class ProcedureComponentDto {
  @ApiProperty({
    example: 'TK01',
    description: 'Unique within the version; what dossiers name in components[]',
  })
  @Matches(/^[A-Za-z0-9._-]{1,50}$/, { message: 'code must be 1-50 letters, digits, ".", "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Tờ khai đăng ký khai sinh theo mẫu' })
  @IsString()
  @Length(1, 500)
  name: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  required: boolean;

  @ApiProperty({
    example: false,
    description: 'An electronic submission must carry a valid digital signature',
  })
  @IsBoolean()
  signatureRequired: boolean;

  @ApiProperty({ example: 1, description: 'Copies (bản) to submit' })
  @IsInt()
  @Min(1)
  @Max(20)
  copies: number;

  @ApiPropertyOptional({ example: 'Bản chính' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** A procedure's rules from a future date (a new decree or circular): POST /procedures/{code}/versions. */
export class NewProcedureVersionDto {
  @ApiProperty({
    example: '2027-01-01',
    format: 'date',
    description: 'First day in force (Vietnam date); after today and after the latest version',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'effectiveFrom must be a real calendar date' })
  effectiveFrom: string;

  @ApiProperty({ type: ProcessingLimitDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProcessingLimitDto)
  processingLimit: ProcessingLimitDto;

  @ApiPropertyOptional({
    example: 'Ngay trong ngày làm việc; nếu nhận sau 15 giờ thì trả trong ngày tiếp theo',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  limitNote?: string;

  @ApiProperty({ example: 8000, description: 'Fee in VND; 0 = free' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  feeVnd: number;

  @ApiPropertyOptional({ example: 'Miễn lệ phí khi nộp trực tuyến' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  feeNote?: string;

  @ApiProperty({ type: [ProcedureComponentDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProcedureComponentDto)
  components: ProcedureComponentDto[];

  @ApiProperty({ example: 'Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP' })
  @IsString()
  @Length(1, 2000)
  legalBasis: string;

  @ApiPropertyOptional({
    enum: PROCEDURE_AGENCY_LEVELS,
    description: 'Only when the decree moves the procedure to another level',
  })
  @IsOptional()
  @IsIn(PROCEDURE_AGENCY_LEVELS)
  agencyLevel?: ProcedureAgencyLevel;
}
