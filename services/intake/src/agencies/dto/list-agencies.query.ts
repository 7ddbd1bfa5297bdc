import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@motcua/auth';

export const AGENCY_LIST_VIEWS = ['flat', 'tree'] as const;

export class ListAgenciesQuery {
  @ApiPropertyOptional({ example: '000.00.12.H49', description: 'Only this agency and its subtree' })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: 'under must look like 000.00.12.H49 (QCVN 102:2016)' })
  under?: string;

  @ApiPropertyOptional({ enum: AGENCY_LIST_VIEWS, default: 'flat' })
  @IsOptional()
  @IsIn(AGENCY_LIST_VIEWS)
  view?: (typeof AGENCY_LIST_VIEWS)[number];
}
