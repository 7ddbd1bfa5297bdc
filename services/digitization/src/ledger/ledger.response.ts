import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LedgerHeadResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  seq: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  hash: string;
}

export class BrokenLinkResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  seq: number;

  @ApiProperty({ example: 'the document row differs from what the chain recorded' })
  reason: string;

  @ApiPropertyOptional({ format: 'uuid' })
  documentId?: string;
}

/** The outcome of re-hashing the whole chain. */
export class ChainVerificationResponse {
  @ApiProperty()
  valid: boolean;

  @ApiProperty({ type: 'integer', minimum: 0 })
  entries: number;

  @ApiProperty({ type: LedgerHeadResponse, nullable: true })
  head: LedgerHeadResponse | null;

  @ApiPropertyOptional({ type: BrokenLinkResponse, description: 'The first link that does not hold' })
  firstBroken?: BrokenLinkResponse;

  @ApiProperty({ type: [String], description: 'Documents stored without an entry in the chain' })
  unrecorded: string[];
}
