import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery } from '@motcua/http';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { DOSSIER_STATUSES, type DossierStatus } from '@motcua/contracts';

export class ListDossiersQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: DossierStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 60)
  procedureCode?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  receivedTo?: string;
}
