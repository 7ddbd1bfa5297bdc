import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOSSIER_STATUSES, type DossierStatus } from '@motcua/contracts';

/** What anyone holding a dossier code and the phone's last four digits may see: no personal data in clear. */
export class PublicDossierStatusView {
  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  code: string;

  @ApiProperty({ enum: DOSSIER_STATUSES })
  status: DossierStatus;

  @ApiProperty({ example: 'Đang giải quyết' })
  statusLabelVi: string;

  @ApiProperty({ example: '1.001193' })
  procedureCode: string;

  @ApiPropertyOptional({ example: 'Đăng ký khai sinh' })
  procedureName?: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  dueAt: string | null;

  @ApiProperty({ example: 'N***** T** Á** T****', description: 'Masked: first letter of each word' })
  applicantName: string;

  @ApiProperty({ description: 'Past the due time while the agency is working on it' })
  overdue: boolean;
}
