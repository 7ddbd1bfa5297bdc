import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `?from=&to=`: Vietnam calendar days, both included. */
export class TrackingLogQuery {
  @ApiProperty({ format: 'date', example: '2026-11-01', pattern: DAY.source })
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-11-30', pattern: DAY.source })
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}
