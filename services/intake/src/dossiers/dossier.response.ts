import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANNELS,
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  ONLINE_CONFIRMATION_OUTCOMES,
  SEXES,
  type Channel,
  type DossierAction,
  type DossierStatus,
  type OnlineConfirmationOutcome,
} from '@motcua/contracts';
import { PAYMENT_STATUSES, type PaymentStatus } from './dossier.entity';
import { EXAMPLE_ID_NUMBER } from '@motcua/identity';

const INDICATIONS = ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'] as const;
const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { type: String, format: 'date-time', nullable: true } as const;

/** The applicant as the dossier shows it to clerks; contact fields only when given. */
export class DossierApplicantResponse {
  @ApiProperty({ example: EXAMPLE_ID_NUMBER })
  idNumber: string;

  @ApiProperty({ example: 'Nguyễn Thị Ánh Tuyết' })
  fullName: string;

  @ApiProperty({ format: 'date', example: '1985-04-12' })
  dateOfBirth: string;

  @ApiPropertyOptional({ enum: SEXES })
  sex?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  phone?: string;

  @ApiPropertyOptional({ example: 'tuyet.nguyen@example.vn' })
  email?: string;

  @ApiPropertyOptional({ example: 'Số 12 Lý Thường Kiệt, phường Hàng Bài, quận Hoàn Kiếm, Hà Nội' })
  address?: string;
}

export class ApplicantVerificationResponse {
  @ApiProperty({ enum: ['PENDING', 'VERIFIED', 'MISMATCH', 'FAILED'], example: 'VERIFIED' })
  status: string;

  @ApiProperty({ type: [String], description: 'Applicant fields the population registry disagrees with' })
  mismatches: string[];
}

/** A document's signatures as e-signature last reported them. */
export class SignatureStateResponse {
  @ApiProperty({ enum: [...INDICATIONS, 'UNSIGNED'] })
  status: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE' | 'UNSIGNED';

  @ApiPropertyOptional({ enum: INDICATIONS })
  indication?: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

  @ApiPropertyOptional({ example: 'NO_CERTIFICATE_CHAIN_FOUND' })
  subIndication?: string;

  @ApiProperty({ format: 'uuid' })
  verificationId: string;

  @ApiProperty(DATE_TIME)
  verifiedAt: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  signatureCount?: number;
}

/** The current document of a component or result (from digitization and e-signature events). */
class DocumentStateResponse {
  @ApiPropertyOptional({ format: 'uuid' })
  documentId?: string;

  @ApiPropertyOptional({ enum: ['APPLICATION', 'SUPPORTING', 'RESULT'] })
  kind?: 'APPLICATION' | 'SUPPORTING' | 'RESULT';

  @ApiPropertyOptional({ enum: ['SCAN_ONLY', 'STRUCTURED'] })
  digitizationLevel?: 'SCAN_ONLY' | 'STRUCTURED';

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  version?: number;

  @ApiPropertyOptional()
  reused?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  recordId?: string;

  @ApiPropertyOptional({ type: SignatureStateResponse })
  signature?: SignatureStateResponse;
}

export class DossierComponentResponse extends DocumentStateResponse {
  @ApiProperty({ example: 'TK01' })
  code: string;

  @ApiPropertyOptional({ example: 'Tờ khai đăng ký khai sinh' })
  name?: string;

  @ApiPropertyOptional()
  required?: boolean;

  @ApiPropertyOptional()
  signatureRequired?: boolean;

  @ApiProperty()
  provided: boolean;

  @ApiPropertyOptional({ description: 'false for a document of a code the procedure does not list' })
  inCatalogue?: boolean;
}

export class DossierResultResponse extends DocumentStateResponse {
  @ApiProperty({ example: 'KQ01' })
  code: string;

  @ApiProperty({ format: 'uuid' })
  declare documentId: string;
}

export class DossierSlaResponse {
  @ApiProperty({ type: 'integer', example: 5 })
  processingLimit: number;

  @ApiProperty({ enum: ['WORKING_DAYS', 'WORKING_HOURS'] })
  limitUnit: 'WORKING_DAYS' | 'WORKING_HOURS';

  @ApiProperty({ type: String, format: 'date', nullable: true })
  rulesEffectiveFrom: string | null;

  @ApiProperty({ type: 'integer', minimum: 0 })
  supplementRequests: number;

  @ApiProperty({ description: 'An apology letter was issued for lateness' })
  apologized: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Only on the single-dossier view' })
  elapsedWorkingMinutes?: number;
}

export class DossierFeeResponse {
  @ApiProperty({ type: 'integer', minimum: 0, example: 8000 })
  amountVnd: number;

  @ApiProperty({ enum: PAYMENT_STATUSES })
  paymentStatus: PaymentStatus;

  @ApiProperty(NULLABLE_DATE_TIME)
  paidAt: string | null;
}

export class DossierFeedbackResponse {
  @ApiProperty({ enum: ['SATISFIED', 'UNSATISFIED'] })
  satisfaction: 'SATISFIED' | 'UNSATISFIED';

  @ApiProperty()
  complaint: boolean;

  @ApiProperty(NULLABLE_DATE_TIME)
  recordedAt: string | null;
}

/** A dossier as the API shows it (ARCHITECTURE.md §6). */
export class DossierResponse {
  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  code: string;

  @ApiProperty({ enum: DOSSIER_STATUSES })
  status: DossierStatus;

  @ApiProperty({ example: '1.001193' })
  procedureCode: string;

  @ApiProperty({ example: 'Đăng ký khai sinh' })
  procedureName: string;

  @ApiProperty({ example: '000.00.12.H49' })
  agencyCode: string;

  @ApiProperty({ enum: CHANNELS })
  channel: Channel;

  @ApiProperty(DATE_TIME)
  receivedAt: string;

  @ApiProperty(NULLABLE_DATE_TIME)
  dueAt: string | null;

  @ApiProperty({ description: 'Past the due time while the agency is working on it (derived, never stored)' })
  overdue: boolean;

  @ApiProperty({ description: 'Finished after the due time, or late by a rule' })
  late: boolean;

  @ApiProperty(NULLABLE_DATE_TIME)
  confirmationDueAt: string | null;

  @ApiProperty(NULLABLE_DATE_TIME)
  confirmedAt: string | null;

  @ApiProperty({ description: 'An online dossier not confirmed within 8 working hours' })
  confirmationOverdue: boolean;

  @ApiProperty({ enum: ONLINE_CONFIRMATION_OUTCOMES })
  confirmationOutcome: OnlineConfirmationOutcome;

  @ApiProperty({ enum: DOSSIER_ACTIONS, isArray: true })
  allowedActions: DossierAction[];

  @ApiProperty({ type: DossierApplicantResponse })
  applicant: DossierApplicantResponse;

  @ApiProperty({ type: ApplicantVerificationResponse })
  applicantVerification: ApplicantVerificationResponse;

  @ApiProperty({ type: [DossierComponentResponse] })
  components: DossierComponentResponse[];

  @ApiProperty({ type: [DossierResultResponse] })
  results: DossierResultResponse[];

  @ApiProperty({ type: DossierSlaResponse })
  sla: DossierSlaResponse;

  @ApiProperty({ type: DossierFeeResponse })
  fee: DossierFeeResponse;

  @ApiProperty({ type: DossierFeedbackResponse, nullable: true })
  feedback: DossierFeedbackResponse | null;

  @ApiProperty({ description: 'Taken over from an earlier system by POST /dossiers/import' })
  imported: boolean;

  @ApiProperty(DATE_TIME)
  createdAt: string;

  @ApiProperty(DATE_TIME)
  updatedAt: string;
}

export class DossierHistoryEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  seq: number;

  @ApiProperty({ example: 'ACCEPT' })
  action: string;

  @ApiProperty({ type: String, enum: DOSSIER_STATUSES, nullable: true })
  fromStatus: string | null;

  @ApiProperty({ enum: DOSSIER_STATUSES })
  toStatus: string;

  @ApiProperty({ example: 'clerk-hoan-kiem-01' })
  actor: string;

  @ApiProperty({ example: '000.00.12.H49' })
  actorAgency: string;

  @ApiProperty(DATE_TIME)
  at: string;

  @ApiProperty({ type: String, nullable: true, example: 'Thiếu bản sao giấy chứng sinh' })
  reason: string | null;

  @ApiProperty(NULLABLE_DATE_TIME)
  dueAt: string | null;

  @ApiProperty({ type: String, enum: ['EARLY', 'ON_TIME', 'LATE'], nullable: true })
  onTimeState: 'EARLY' | 'ON_TIME' | 'LATE' | null;
}

/** The control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ). */
export class DossierHistoryResponse {
  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  code: string;

  @ApiProperty({ enum: DOSSIER_STATUSES })
  status: DossierStatus;

  @ApiProperty(NULLABLE_DATE_TIME)
  dueAt: string | null;

  @ApiProperty()
  overdue: boolean;

  @ApiProperty({ type: [DossierHistoryEntryResponse] })
  entries: DossierHistoryEntryResponse[];
}

export class ImportedDossierResultResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Position in the request' })
  index: number;

  @ApiProperty({ example: '000.00.12.H49-240315-0007' })
  code: string;

  @ApiProperty({ enum: DOSSIER_STATUSES })
  status: string;
}

export class ImportDossiersResponse {
  @ApiProperty({ type: 'integer', minimum: 0 })
  imported: number;

  @ApiProperty({ type: 'integer', enum: [0], description: 'Always 0: one refused item refuses the batch' })
  failed: number;

  @ApiProperty({ type: [ImportedDossierResultResponse] })
  results: ImportedDossierResultResponse[];
}
