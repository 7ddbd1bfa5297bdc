import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECK_NAMES, type Check, type CheckName, type CheckStatus } from '../verification/checks';
import { FAILURES, type FailureCode, type Indication, type SubIndication } from '../verification/outcomes';
import type { SignatureReport } from '../verification/verifier';
import type { VerificationView } from './verification-store';

const INDICATIONS: Indication[] = ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'];
const SUB_INDICATIONS = [...new Set(Object.values(FAILURES).map((failure) => failure.subIndication))];
const FAILURE_CODES = Object.keys(FAILURES);

export class SignatureCheckResponse implements Check {
  @ApiProperty({ enum: CHECK_NAMES })
  name: CheckName;

  @ApiProperty({ enum: ['OK', 'NOT_OK', 'SKIPPED'] })
  status: CheckStatus;

  @ApiPropertyOptional({ example: 'Chứng thư số đã hết hạn' })
  detail?: string;

  @ApiPropertyOptional({ enum: FAILURE_CODES, description: 'On NOT_OK: the row of the failure table' })
  failure?: FailureCode;
}

/** An ETSI EN 319 102-1 outcome: of one signature, or of the file as a whole. */
class IndicationResponse {
  @ApiProperty({ enum: INDICATIONS })
  indication: Indication;

  @ApiPropertyOptional({ enum: SUB_INDICATIONS })
  subIndication?: SubIndication;

  @ApiProperty({ example: 'Hợp lệ' })
  labelVi: string;
}

/** One signature or document timestamp of the file (ETSI EN 319 102-1 indication). */
export class SignatureReportResponse extends IndicationResponse implements SignatureReport {
  @ApiProperty({ enum: ['SIGNATURE', 'DOCUMENT_TIMESTAMP'] })
  type: 'SIGNATURE' | 'DOCUMENT_TIMESTAMP';

  @ApiPropertyOptional({ example: 'Signature1' })
  fieldName?: string;

  @ApiPropertyOptional({ example: 'ETSI.CAdES.detached' })
  subFilter?: string;

  @ApiPropertyOptional({ example: 'CN=Nguyễn Văn An, O=UBND phường Hàng Bài, C=VN' })
  signer?: string;

  @ApiPropertyOptional({ example: 'CN=Viettel-CA, O=Viettel Group, C=VN' })
  issuer?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  signingTime?: string;

  @ApiProperty({ enum: ['TIMESTAMP', 'DOCUMENT_TIMESTAMP', 'SIGNED_ATTRIBUTE', 'PDF_DICTIONARY', 'NONE'] })
  signingTimeSource: 'TIMESTAMP' | 'DOCUMENT_TIMESTAMP' | 'SIGNED_ATTRIBUTE' | 'PDF_DICTIONARY' | 'NONE';

  @ApiPropertyOptional({ type: [String], description: 'Not shown by the API (stored apart)' })
  pathIssuers?: string[];

  @ApiProperty({ type: [SignatureCheckResponse] })
  checks: SignatureCheckResponse[];
}

/** A stored verification report of one file. */
export class VerificationResponse extends IndicationResponse implements VerificationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for an uploaded file' })
  documentId: string | null;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256: string;

  @ApiProperty({ type: String, format: 'date-time' })
  verifiedAt: string;

  @ApiProperty({ enum: ['PDF', 'DETACHED_CMS'] })
  kind: 'PDF' | 'DETACHED_CMS';

  @ApiProperty({ type: [SignatureReportResponse] })
  signatures: SignatureReportResponse[];

  @ApiPropertyOptional({ description: 'Why the file as a whole could not be verified' })
  problem?: string;

  @ApiPropertyOptional({ enum: FAILURE_CODES })
  failure?: FailureCode;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: '0: unsigned; absent when unreadable' })
  signatureCount?: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  trustGeneration: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The report this one repeats (same bytes reused)' })
  reusedFrom?: string;
}
