import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CalendarNoticeEntity } from './calendar-notice.entity';
import { NoticeDayDto } from './dto/create-calendar-notice.dto';
import { noticeSource } from './notice-overrides';

export class CalendarNoticeView {
  @ApiProperty({
    example: 3,
    description: 'Calendar version this notice made (notices are numbered in order)',
  })
  version: number;

  @ApiProperty({ example: '8726/VPCP-KGVX' })
  number: string;

  @ApiProperty({ example: '2026-11-26', format: 'date' })
  issuedOn: string;

  @ApiProperty({ example: 'Văn phòng Chính phủ' })
  issuer: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ example: 'Văn bản 8726/VPCP-KGVX ngày 26/11/2026 (Văn phòng Chính phủ)' })
  source: string;

  @ApiProperty({ example: 2027 })
  year: number;

  @ApiProperty({ example: '2026-11-26', format: 'date' })
  effectiveFrom: string;

  @ApiProperty({ type: [NoticeDayDto] })
  days: NoticeDayDto[];

  @ApiProperty({ example: 12, description: 'Open dossiers whose deadline the notice moved' })
  recomputedDossiers: number;

  @ApiProperty({ example: 'admin-1' })
  recordedBy: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export function toCalendarNoticeView(notice: CalendarNoticeEntity): CalendarNoticeView {
  return {
    version: notice.version,
    number: notice.number,
    issuedOn: notice.issuedOn,
    issuer: notice.issuer,
    title: notice.title,
    source: noticeSource(notice),
    year: notice.year,
    effectiveFrom: notice.effectiveFrom,
    days: notice.days,
    recomputedDossiers: notice.recomputedDossiers,
    recordedBy: notice.recordedBy,
    recordedAt: notice.recordedAt.toISOString(),
  };
}
