import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { IsInstant } from '@motcua/http';
import { DOSSIER_ACTIONS, type DossierAction } from '@motcua/contracts';
import { ComponentDto } from './create-dossier.dto';

export class DossierActionDto {
  @ApiProperty({ enum: DOSSIER_ACTIONS })
  @IsIn(DOSSIER_ACTIONS)
  action: DossierAction;

  @ApiPropertyOptional({ description: 'Required for REQUEST_SUPPLEMENT, REJECT, APOLOGIZE and STOP' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    type: [ComponentDto],
    description: 'REQUEST_SUPPLEMENT: what is missing; RECEIVE_SUPPLEMENT: what arrived',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  // ValidateNested alone lets an item that is an array (e.g. `[[]]`) through to the service.
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ComponentDto)
  components?: ComponentDto[];

  @ApiPropertyOptional({ format: 'date-time', description: 'APOLOGIZE: the new appointment' })
  @IsOptional()
  @IsInstant()
  newDueAt?: string;
}
