import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEXES } from '@motcua/contracts';
import type { RegistryPerson } from '../registry/registry.client';
import type { AccessLogView, OwnAccessView } from './access-log.service';
import type { AccessSource } from './registry-access.entity';
import { EXAMPLE_ID_NUMBER } from '@motcua/identity';

const OUTCOMES = ['FOUND', 'NOT_FOUND', 'REFUSED'];

/** The population registry's record of a citizen, as the registry answers (further fields pass through). */
export class RegistryPersonResponse implements RegistryPerson {
  [field: string]: unknown;

  @ApiProperty({ example: EXAMPLE_ID_NUMBER, pattern: '^[0-9]{12}$' })
  idNumber: string;

  @ApiProperty({ example: 'Nguyễn Thị Ánh Tuyết' })
  fullName: string;

  @ApiProperty({ format: 'date', example: '1985-04-12' })
  dateOfBirth: string;

  @ApiPropertyOptional({ enum: SEXES })
  sex?: string;
}

/** Who read a citizen's registry data, and when. */
class AccessResponse {
  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'clerk-hoan-kiem-01' })
  actor: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.12.H49' })
  actorAgency: string | null;
}

/** One read of a citizen's registry data (or a refused attempt), for auditors. */
export class AccessLogEntryResponse extends AccessResponse implements AccessLogView {
  @ApiProperty({ example: '128' })
  id: string;

  @ApiProperty({ example: '000.00.12.H49-261127-0042', description: 'The dossier the lookup was for' })
  purpose: string;

  @ApiProperty({ example: EXAMPLE_ID_NUMBER })
  idNumber: string;

  @ApiProperty({ type: [String], example: ['fullName', 'dateOfBirth', 'permanentAddress'] })
  fieldsReturned: string[];

  @ApiProperty({ enum: ['REGISTRY', 'CACHE'] })
  source: AccessSource;

  @ApiProperty({ enum: OUTCOMES })
  outcome: string;
}

/** One read of the citizen's own registry data, as the citizen sees it. */
export class OwnAccessLogEntryResponse extends AccessResponse implements OwnAccessView {
  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  dossierCode: string;

  @ApiProperty({ type: [String], example: ['fullName', 'dateOfBirth'] })
  fields: string[];

  @ApiProperty({ enum: OUTCOMES })
  outcome: string;
}
