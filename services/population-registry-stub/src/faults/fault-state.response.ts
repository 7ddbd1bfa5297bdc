import { ApiProperty } from '@nestjs/swagger';
import type { FaultState } from './fault-settings';

/** The faults injected into /api/v1 now. */
export class FaultStateResponse implements FaultState {
  @ApiProperty({ type: 'integer', minimum: 0 })
  latencyMs: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  jitterMs: number;

  @ApiProperty({ type: 'number', minimum: 0, maximum: 1 })
  errorRate: number;

  @ApiProperty()
  outage: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  outageUntil: string | null;

  @ApiProperty({ description: 'Whether /api/v1 is down right now' })
  outageActive: boolean;
}
