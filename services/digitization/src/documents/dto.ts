import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { COMPONENT_CODE } from '../uploads/upload-fields';

export class ReuseRecordDto {
  @ApiProperty({ description: 'A record of the applicant in the e-record store (GET /records)' })
  @IsUUID()
  recordId: string;

  @ApiProperty({ example: 'GCS01' })
  @Matches(COMPONENT_CODE, { message: 'componentCode must be 1-50 letters, digits, ".", "_" or "-"' })
  componentCode: string;
}

export class RetentionDeletionDto {
  @ApiProperty({
    description: 'The retention decision: legal basis and period that expired',
    example: 'Hết thời hạn lưu trữ 5 năm (Luật Lưu trữ 2024)',
  })
  @IsString()
  @Length(5, 1000)
  reason: string;
}

export class UploadDocumentBody {
  @ApiProperty({ example: 'TK01', description: 'Send before the file part' })
  componentCode: string;

  @ApiProperty({ enum: ['APPLICATION', 'SUPPORTING', 'RESULT'] })
  kind: string;

  @ApiProperty({ enum: ['ELECTRONIC', 'SCANNED_PAPER'] })
  origin: string;

  @ApiPropertyOptional({
    description: 'JSON of the extracted data fields; validated against the component schema',
  })
  data?: string;

  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, JPEG, PNG, TIFF or XML; last part' })
  file: unknown;
}
