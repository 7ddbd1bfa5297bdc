import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DOSSIER_STATUSES, type DossierStatus } from '@motcua/contracts';

export class ListDossiersQuery {
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

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
