import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_KINDS, type DocumentKind } from '../documents/document.entity';
import { EXAMPLE_ID_NUMBER } from '@motcua/identity';

const DATE_TIME = { type: String, format: 'date-time' } as const;

/** One current e-record (kết quả điện tử) of a citizen. */
export class CitizenRecordResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind: DocumentKind;

  @ApiProperty({ format: 'uuid' })
  documentId: string;

  @ApiProperty({ example: '1.001193' })
  procedureCode: string;

  @ApiProperty({ example: 'KQ01' })
  componentCode: string;

  @ApiProperty({ enum: ['SCAN_ONLY', 'STRUCTURED'] })
  digitizationLevel: string;

  @ApiProperty({ example: '000.00.12.H49' })
  issuingAgency: string;

  @ApiProperty(DATE_TIME)
  issuedAt: string;

  @ApiProperty({ example: 'application/pdf' })
  mimeType: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  data: Record<string, unknown> | null;
}

/** One lookup of the e-record store (the personal-data processing record). */
export class RecordAccessResponse {
  @ApiProperty({ example: '17' })
  id: string;

  @ApiProperty(DATE_TIME)
  at: string;

  @ApiProperty({ example: 'clerk-hoan-kiem-01' })
  actor: string;

  @ApiProperty({ type: [String], example: ['clerk'] })
  actorRoles: string[];

  @ApiProperty({ example: '000.00.12.H49' })
  actorAgency: string;

  @ApiProperty({ example: '000.00.12.H49-261127-0042', description: 'The dossier the lookup served' })
  purpose: string;

  @ApiProperty({ type: String, nullable: true })
  dossierAgency: string | null;

  @ApiProperty({ example: EXAMPLE_ID_NUMBER })
  idNumber: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  resultCount: number;

  @ApiProperty({ enum: ['GRANTED', 'REFUSED'] })
  outcome: string;
}

/** One lookup of the citizen's own e-records, as the citizen sees it. */
export class OwnRecordAccessResponse {
  @ApiProperty(DATE_TIME)
  at: string;

  @ApiProperty({ example: 'clerk-hoan-kiem-01' })
  actor: string;

  @ApiProperty({ example: '000.00.12.H49' })
  actorAgency: string;

  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  dossierCode: string;

  @ApiProperty({ type: [String], example: ['records'] })
  fields: string[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  resultCount: number;

  @ApiProperty({ enum: ['GRANTED', 'REFUSED'] })
  outcome: string;
}
