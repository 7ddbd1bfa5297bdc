import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@motcua/auth';
import { MAX_PAGE } from '@motcua/http';
import { Channel, CHANNELS } from '@motcua/contracts';

export const REPORT_GROUPINGS = ['agency', 'procedure', 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Filters every report takes. */
export class ReportQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day of the period (Vietnam time); default: 1 January of the year of `to`',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real date' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Last day of the period, included; default: today',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real date' })
  to?: string;

  @ApiPropertyOptional({
    example: '000.00.00.H49',
    description: 'An agency and its sub-agencies; default: the token agency',
  })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: 'agencyCode must look like 000.00.12.H49' })
  agencyCode?: string;

  @ApiPropertyOptional({ example: '1.001193' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  procedureCode?: string;

  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only the dossiers received through this channel' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    description: 'json (default), csv (also `Accept: text/csv`) or xlsx',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class GroupedReportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: REPORT_GROUPINGS, default: 'agency' })
  @IsOptional()
  @IsIn(REPORT_GROUPINGS)
  groupBy?: ReportGrouping;
}

export class OverdueReportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    maximum: MAX_PAGE,
    description: 'JSON only; the file exports hold every row',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize?: number;
}
