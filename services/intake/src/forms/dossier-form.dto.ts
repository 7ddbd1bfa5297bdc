import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DOSSIER_FORM_CODES, type DossierFormCode } from './form-codes';

/** `/dossiers/{code}/forms/{formCode}`: the form code is one of 01-06 (07 is an agency's, not a dossier's). */
export class DossierFormParams {
  @ApiProperty({ example: '000.00.12.H49-261203-0001', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  code: string;

  @ApiProperty({ enum: DOSSIER_FORM_CODES, example: '02' })
  @IsIn(DOSSIER_FORM_CODES, { message: 'formCode must be one of 01, 02, 03, 04, 05, 06' })
  formCode: DossierFormCode;
}

export class DossierFormQuery {
  @ApiPropertyOptional({
    description:
      'The control-sheet line that issued the form (a dossier may have two supplement requests); default: the latest',
    minimum: 1,
    maximum: 100_000,
    example: 2,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  seq?: number;
}

/** One form a dossier has: the line that issued it, its title and template. */
export class DossierFormEntryResponse {
  @ApiProperty({ enum: DOSSIER_FORM_CODES, example: '02' })
  formCode: DossierFormCode;

  @ApiProperty({ example: 'Mẫu 02: PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' })
  title: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The issuing line of the control sheet; null for 06',
    example: 2,
  })
  seq: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the issuing action happened; null for 06 (printed on request)',
  })
  issuedAt: string | null;

  @ApiProperty({ example: '03/2025' })
  templateVersion: string;

  @ApiProperty({ example: 'ban hành kèm theo Thông tư số 03/2025/TT-VPCP (Nghị định 118/2025/NĐ-CP)' })
  legalBasis: string;

  @ApiProperty({ example: '/dossiers/000.00.12.H49-261203-0001/forms/02?seq=2' })
  href: string;

  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^[0-9a-f]{64}$',
    description:
      'SHA-256 of the signed PDF issued at the action (the bytes `href` serves and digitization stores as the ' +
      "dossier's FORM document); null while not issued yet (printed and signed on request) and for 06",
    example: '9f2b5c1e0a7d4e6b8c3f1a2d5e7b9c0f4a6d8e1b3c5f7a9d2e4b6c8f0a1d3e5b',
  })
  sha256: string | null;
}
