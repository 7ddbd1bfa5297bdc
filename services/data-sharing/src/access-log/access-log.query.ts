import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery } from '@motcua/http';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { EXAMPLE_ID_NUMBER } from '@motcua/identity';

export class AccessLogQueryDto extends PaginationQuery {
  @ApiPropertyOptional({ pattern: '^[0-9]{12}$', example: EXAMPLE_ID_NUMBER })
  @IsOptional()
  @Matches(/^[0-9]{12}$/, { message: 'idNumber must be 12 digits' })
  idNumber?: string;

  @ApiPropertyOptional({ example: '000.00.12.H49-261127-0042' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  dossierCode?: string;
}
