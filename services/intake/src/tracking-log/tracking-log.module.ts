import { Module } from '@nestjs/common';
import { AgencyModule } from '../agencies/agency.module';
import { FormSigningModule } from '../forms/signing/form-signing.module';
import { TrackingLogController } from './tracking-log.controller';
import { TrackingLogService } from './tracking-log.service';

/** Form 07, the tracking log of an agency for a period. */
@Module({
  imports: [AgencyModule, FormSigningModule],
  controllers: [TrackingLogController],
  providers: [TrackingLogService],
})
export class TrackingLogModule {}
