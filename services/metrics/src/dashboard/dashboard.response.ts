import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS } from '@motcua/contracts';
import type { DashboardOptions } from './dashboard-options.service';

/** The dashboard filters' choices. */
export class DashboardOptionsResponse implements DashboardOptions {
  @ApiProperty({ example: '000.00.12.H49', description: "The token's agency: the subtree filter's default" })
  scope: string;

  @ApiProperty({ type: [String], example: ['000.00.12.H49', '000.01.12.H49'] })
  agencies: string[];

  @ApiProperty({ type: [String], example: ['1.001193', '2.000908'] })
  procedures: string[];

  @ApiProperty({ enum: CHANNELS, isArray: true })
  channels: readonly string[];
}

/** intake's control sheet of a dossier (GET /dossiers/{code}/history there), passed through unchanged. */
export class ProxiedDossierHistoryResponse {
  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  code: string;

  @ApiProperty({ example: 'PROCESSING' })
  status: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt: string | null;

  @ApiProperty()
  overdue: boolean;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Every action, oldest first (the entries of intake’s DossierHistoryResponse)',
  })
  entries: Record<string, unknown>[];
}
