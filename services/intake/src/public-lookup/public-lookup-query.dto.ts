import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class PublicLookupQueryDto {
  @ApiPropertyOptional({
    example: '5678',
    description: 'Last four digits of the phone number given at intake; without it the answer is 404',
  })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'phoneLast4 must be exactly 4 digits' })
  phoneLast4?: string;
}
