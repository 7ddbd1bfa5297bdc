import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested, IsObject } from 'class-validator';
import { IsInstant } from '@motcua/http';
import { CreateDossierDto } from './create-dossier.dto';
import { DossierActionDto } from './dossier-action.dto';

/** A recorded action: the same fields as a live one (components aside), plus when it happened. */
export class ImportedActionDto extends OmitType(DossierActionDto, ['components'] as const) {
  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  at: string;
}

export class ImportedDossierDto extends CreateDossierDto {
  @ApiProperty({ format: 'date-time', description: 'When the legacy system received it' })
  @IsInstant()
  receivedAt: string;

  @ApiProperty({ type: [ImportedActionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  // ValidateNested alone lets an item that is an array (e.g. `[[]]`) through to the service.
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ImportedActionDto)
  actions: ImportedActionDto[];
}

export class ImportDossiersDto {
  @ApiProperty({ type: [ImportedDossierDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  // ValidateNested alone lets an item that is an array (e.g. `[[]]`) through to the service.
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ImportedDossierDto)
  dossiers: ImportedDossierDto[];
}
