import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery, IsInstant } from '@motcua/http';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
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
  @IsInstant()
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  receivedTo?: string;
}
