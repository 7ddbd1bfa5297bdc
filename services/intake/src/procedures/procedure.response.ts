import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LIMIT_UNITS,
  PROCEDURE_AGENCY_LEVELS,
  RESULT_KINDS,
  type LimitUnit,
  type ProcedureAgencyLevel,
  type ResultKind,
} from './procedure-catalogue';

/** One document the applicant submits (thành phần hồ sơ). */
export class ProcedureComponentResponse {
  @ApiProperty({ example: 'TK01' })
  code: string;

  @ApiProperty({ example: 'Tờ khai đăng ký khai sinh' })
  name: string;

  @ApiProperty()
  required: boolean;

  @ApiProperty({ description: 'An electronic submission must carry a valid digital signature' })
  signatureRequired: boolean;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  copies: number;

  @ApiPropertyOptional({
    example: 'Trường hợp không có giấy chứng sinh thì nộp văn bản xác nhận của người làm chứng',
  })
  note?: string;
}

export class ProcessingLimitResponse {
  @ApiProperty({ type: 'number', minimum: 0, example: 3 })
  value: number;

  @ApiProperty({ enum: LIMIT_UNITS })
  unit: LimitUnit;
}

/** The rules of one version of a procedure. */
export class ProcedureVersionResponse {
  @ApiProperty({ format: 'date', example: '2026-01-01' })
  effectiveFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null while in force' })
  effectiveTo: string | null;

  @ApiProperty({ type: ProcessingLimitResponse })
  processingLimit: ProcessingLimitResponse;

  @ApiProperty({ type: String, nullable: true })
  limitNote: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: '0 = free' })
  feeVnd: number;

  @ApiProperty({ type: String, nullable: true, example: 'Miễn lệ phí đăng ký khai sinh đúng hạn' })
  feeNote: string | null;

  @ApiProperty({ type: [ProcedureComponentResponse] })
  components: ProcedureComponentResponse[];

  @ApiProperty({ example: 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP' })
  legalBasis: string;

  @ApiProperty({
    enum: PROCEDURE_AGENCY_LEVELS,
    nullable: true,
    description:
      "The level that decides the procedure from this version on, when a decree moved it; null = the procedure's",
  })
  agencyLevel: ProcedureAgencyLevel | null;
}

/** A procedure: its identity plus the rules of one version, flattened. */
export class ProcedureResponse extends ProcedureVersionResponse {
  @ApiProperty({ example: '1.001193' })
  code: string;

  @ApiProperty({ example: 'Đăng ký khai sinh' })
  name: string;

  @ApiProperty({ example: 'Hộ tịch' })
  field: string;

  @ApiProperty({ enum: PROCEDURE_AGENCY_LEVELS })
  declare agencyLevel: ProcedureAgencyLevel;

  @ApiProperty({ enum: RESULT_KINDS })
  resultKind: ResultKind;

  @ApiProperty({ example: 'Giấy khai sinh' })
  resultName: string;

  @ApiProperty({ description: 'The code is confirmed against the national procedure database' })
  codeConfirmed: boolean;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

/** A procedure as in force on the asked date, and every version. */
export class ProcedureDetailResponse extends ProcedureResponse {
  @ApiProperty({ type: [ProcedureVersionResponse] })
  versions: ProcedureVersionResponse[];
}
