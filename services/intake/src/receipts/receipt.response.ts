import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECEIPT_DOCUMENT_FORMS, type ReceiptDocumentForm, type ReceiptForm01 } from './receipt-form-01';

class ReceiptAgencyResponse {
  @ApiProperty({ example: '000.00.12.H49' })
  code: string;

  @ApiProperty({ example: 'UBND phường Hàng Bài' })
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'UBND quận Hoàn Kiếm' })
  parentName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Hà Nội' })
  place?: string | null;
}

class ReceiptApplicantResponse {
  @ApiProperty({ example: 'Nguyễn Thị Ánh Tuyết' })
  fullName: string;

  @ApiProperty({ type: String, nullable: true })
  address: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  email?: string | null;
}

class ReceiptRequestResponse {
  @ApiProperty({ example: '1.001193' })
  procedureCode: string;

  @ApiProperty({ example: 'Đăng ký khai sinh' })
  procedureName: string;
}

class ReceiptDocumentResponse {
  @ApiProperty({ example: 'Giấy chứng sinh' })
  name: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  copies: number;

  @ApiProperty({ enum: RECEIPT_DOCUMENT_FORMS })
  form: ReceiptDocumentForm;
}

class ReceiptLimitResponse {
  @ApiProperty({ type: 'number', minimum: 0 })
  value: number;

  @ApiProperty({ enum: ['WORKING_DAYS', 'WORKING_HOURS'] })
  unit: 'WORKING_DAYS' | 'WORKING_HOURS';
}

class ReceiptLogBookResponse {
  @ApiProperty({ example: '2026' })
  book: string;

  @ApiProperty({ example: '0042' })
  entry: string;
}

class ReceiptClerkResponse {
  @ApiProperty({ example: 'Trần Văn Bình' })
  name: string;
}

/** Form 01, the receipt and appointment slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
export class ReceiptForm01Response implements ReceiptForm01 {
  @ApiProperty({ enum: ['01'] })
  form: '01';

  @ApiProperty({ type: ReceiptAgencyResponse })
  agency: ReceiptAgencyResponse;

  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  dossierCode: string;

  @ApiProperty({ type: ReceiptApplicantResponse })
  applicant: ReceiptApplicantResponse;

  @ApiProperty({ type: ReceiptRequestResponse })
  request: ReceiptRequestResponse;

  @ApiProperty({ type: [ReceiptDocumentResponse] })
  documents: ReceiptDocumentResponse[];

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  appointmentAt: string | null;

  @ApiPropertyOptional({ type: ReceiptLimitResponse, nullable: true })
  processingLimit?: ReceiptLimitResponse | null;

  @ApiProperty({ example: 'Bộ phận Một cửa UBND phường Hàng Bài' })
  resultPickup: string;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0 })
  feeVnd: number | null;

  @ApiProperty({ type: ReceiptLogBookResponse, nullable: true })
  logBook: ReceiptLogBookResponse | null;

  @ApiProperty({ type: ReceiptClerkResponse })
  receivingClerk: ReceiptClerkResponse;

  @ApiProperty({ type: String, nullable: true })
  lookupUrl: string | null;
}
