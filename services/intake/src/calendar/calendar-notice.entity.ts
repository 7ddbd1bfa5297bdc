import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { HolidayId, HolidayKind, LocalizedName, OverrideType } from '@motcua/calendar';

/** One row of a notice: a day or range of days made off (HOLIDAY) or worked (WORKDAY). */
export interface NoticeDay {
  from: string;
  to?: string;
  type: OverrideType;
  holiday?: HolidayId;
  kind?: HolidayKind;
  name?: LocalizedName;
}

/**
 * An official calendar notice (e.g. the Government Office letter on Tết). Append-only: the service's role may add
 * notices, never change them; each one is a calendar version, and a later notice supersedes by the rules of
 * libs/calendar/src/overrides.ts.
 */
@Entity({ name: 'calendar_notice' })
@Unique('calendar_notice_number_key', ['number'])
export class CalendarNoticeEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'calendar_notice_pkey' })
  version: number;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'jsonb' })
  days: NoticeDay[];

  /** SHA-256 of the canonical content: a retried POST with the same content is recognised. */
  @Column({ type: 'text' })
  contentHash: string;

  /** Open dossiers whose deadline this notice moved. */
  @Column({ type: 'integer', default: 0 })
  recomputedDossiers: number;

  @Column({ type: 'text' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
