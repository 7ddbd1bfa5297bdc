import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@motcua/auth';

export const SLA_GROUPINGS = ['agency', 'procedure', 'month'] as const;
export type SlaGrouping = (typeof SLA_GROUPINGS)[number];

export class SlaReportQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day of the period (Vietnam time); default: 1 January of this year',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Last day of the period, included; default: today',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
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

  @ApiPropertyOptional({ enum: SLA_GROUPINGS, default: 'agency' })
  @IsOptional()
  @IsIn(SLA_GROUPINGS)
  groupBy?: SlaGrouping;
}
