import { Module } from '@nestjs/common';
import { AgencyModule } from '../agencies/agency.module';
import { CalendarNoticeController } from './calendar-notice.controller';
import { CalendarNoticeService } from './calendar-notice.service';
import { WorkingCalendarCache } from './working-calendar.cache';

@Module({
  imports: [AgencyModule],
  controllers: [CalendarNoticeController],
  providers: [CalendarNoticeService, WorkingCalendarCache],
  exports: [WorkingCalendarCache],
})
export class CalendarModule {}
