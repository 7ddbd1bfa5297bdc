import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ListProceduresQuery {
  @ApiPropertyOptional({
    example: 'Hộ tịch',
    description: 'Field (lĩnh vực); case and diacritics are ignored',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  field?: string;

  @ApiPropertyOptional({
    example: 'khai sinh',
    description: 'Words to find in the code or name; case and diacritics are ignored',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ProcedureAtQuery {
  @ApiPropertyOptional({
    example: '2025-06-30',
    format: 'date',
    description: 'Vietnam date: show the version in force then (default: today)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'at must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'at must be a real calendar date' })
  at?: string;
}
