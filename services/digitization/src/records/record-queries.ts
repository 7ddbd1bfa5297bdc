import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PaginationQuery } from '@motcua/http';
import { IsVietnamesePersonalId } from '@motcua/identity';

/** A dossier code, checked as data-sharing checks the purpose of a registry lookup. */
export const DOSSIER_CODE = /^[A-Za-z0-9._:/-]{1,60}$/;
const PURPOSE_MESSAGE = 'purpose is required: the code of the dossier this lookup is for';

export class RecordsQuery {
  @ApiProperty({ description: "The holder's 12-digit personal ID number" })
  @IsVietnamesePersonalId()
  idNumber: string;

  @ApiProperty({ description: 'Code of the dossier the lookup is for (written to the access log)' })
  @Matches(DOSSIER_CODE, { message: PURPOSE_MESSAGE })
  purpose: string;
}

export class RecordAccessLogQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: "The holder's 12-digit personal ID number" })
  @IsOptional()
  @IsVietnamesePersonalId()
  idNumber?: string;

  @ApiPropertyOptional({ description: 'The dossier code the lookups were made for' })
  @IsOptional()
  @Matches(DOSSIER_CODE, { message: 'purpose must be a dossier code' })
  purpose?: string;
}
