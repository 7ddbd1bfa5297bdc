import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Length, Matches } from 'class-validator';

export const VERIFY_MISMATCH_FIELDS = ['idNumber', 'fullName', 'dateOfBirth'] as const;
export type VerifyMismatchField = (typeof VERIFY_MISMATCH_FIELDS)[number];

export class VerifyCitizenDto {
  @ApiProperty({ example: '001203004567', description: '12-digit personal identification number' })
  @Matches(/^\d{12}$/, { message: 'idNumber must be exactly 12 digits' })
  idNumber: string;

  @ApiProperty({
    example: 'Nguyễn Văn An',
    description: 'Compared exactly (case-sensitive) after NFC normalization',
  })
  @IsString()
  @Length(1, 200)
  fullName: string;

  @ApiProperty({ example: '2003-05-14', format: 'date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth: string;
}

export class VerifyCitizenResultDto {
  @ApiProperty()
  match: boolean;

  @ApiProperty({
    enum: VERIFY_MISMATCH_FIELDS,
    isArray: true,
    description: "'idNumber' alone when the number is unknown; otherwise the fields that differ",
  })
  mismatches: VerifyMismatchField[];
}
