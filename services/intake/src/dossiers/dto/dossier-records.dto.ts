import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class RecordPaymentDto {
  @ApiProperty({ enum: ['PAID_ONLINE', 'PAID_AT_DESK', 'EXEMPT'] })
  @IsIn(['PAID_ONLINE', 'PAID_AT_DESK', 'EXEMPT'])
  paymentStatus: 'PAID_ONLINE' | 'PAID_AT_DESK' | 'EXEMPT';

  @ApiProperty({ description: 'Amount paid in VND (0 when exempt)' })
  @IsInt()
  @Min(0)
  amountVnd: number;

  @ApiPropertyOptional({ description: 'Payment gateway or receipt reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class RecordFeedbackDto {
  @ApiProperty({ enum: ['SATISFIED', 'UNSATISFIED'] })
  @IsIn(['SATISFIED', 'UNSATISFIED'])
  satisfaction: 'SATISFIED' | 'UNSATISFIED';

  @ApiProperty({ description: 'The applicant lodged a complaint about this dossier' })
  @IsBoolean()
  complaint: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
