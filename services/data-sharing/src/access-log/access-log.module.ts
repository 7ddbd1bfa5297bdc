import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';
import { PurposesModule } from '../purposes/purposes.module';
import { CitizensController } from './citizens.controller';
import { MyAccessLogController } from './my-access-log.controller';

@Module({
  imports: [PurposesModule],
  controllers: [CitizensController, AccessLogController, MyAccessLogController],
  providers: [AccessLogService],
  exports: [AccessLogService],
})
export class AccessLogModule {}
