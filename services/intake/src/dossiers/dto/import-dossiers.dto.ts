import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DOSSIER_ACTIONS, type DossierAction } from '@motcua/contracts';
import { CreateDossierDto } from './create-dossier.dto';

export class ImportedActionDto {
  @ApiProperty({ enum: DOSSIER_ACTIONS })
  @IsIn(DOSSIER_ACTIONS)
  action: DossierAction;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  at: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  newDueAt?: string;
}

export class ImportedDossierDto extends CreateDossierDto {
  @ApiProperty({ format: 'date-time', description: 'When the legacy system received it' })
  @IsISO8601({ strict: true })
  receivedAt: string;

  @ApiProperty({ type: [ImportedActionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ImportedActionDto)
  actions: ImportedActionDto[];
}

export class ImportDossiersDto {
  @ApiProperty({ type: [ImportedDossierDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ImportedDossierDto)
  dossiers: ImportedDossierDto[];
}
