import { ApiProperty } from '@nestjs/swagger';

export class TrackingLogRowResponse {
  @ApiProperty({ example: '000.00.12.H49-261103-0001' }) dossierCode: string;
  @ApiProperty({ example: 'Đăng ký khai sinh' }) procedureName: string;
  @ApiProperty({ example: 1 }) quantity: number;
  @ApiProperty({ example: 'Nguyễn Thị Hoa' }) applicantName: string;
  @ApiProperty({ example: 'Số 7 Lê Lợi, TP Hà Giang; 0912345678' }) applicantContact: string;
  @ApiProperty({ example: 'Sở Tư pháp' }) leadAgencyName: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) transferredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resultAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) returnedAt: string | null;
  @ApiProperty({ example: '' }) note: string;
}

export class TrackingLogResponse {
  @ApiProperty({ example: '000.00.12.H49' }) agencyCode: string;
  @ApiProperty({ example: 'Sở Tư pháp' }) agencyName: string;
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [TrackingLogRowResponse] }) rows: TrackingLogRowResponse[];
}
