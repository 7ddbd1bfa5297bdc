import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { IsInstant } from '@motcua/http';

/** A partial change of the fault settings; absent fields keep their value. */
export class UpdateFaultsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 120000, example: 200 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  latencyMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 120000, example: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  jitterMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  errorRate?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Outage window: 503 until this instant; null clears it',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsInstant({ message: 'outageUntil must be an ISO 8601 date-time or null' })
  outageUntil?: string | null;

  @ApiPropertyOptional({ description: 'Outage switched on until switched off' })
  @IsOptional()
  @IsBoolean()
  outage?: boolean;
}
