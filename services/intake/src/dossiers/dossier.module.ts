import { Module } from '@nestjs/common';
import { AgencyModule } from '../agencies/agency.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ProcedureModule } from '../procedures/procedure.module';
import { DossierRulesService } from './dossier-rules.service';
import { DossierWorkflowService } from './dossier-workflow.service';
import { DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';
import { IdempotencyKeyRetention } from './idempotency-key.retention';

@Module({
  imports: [AgencyModule, CalendarModule, ProcedureModule],
  controllers: [DossierController],
  providers: [DossierRulesService, DossierService, DossierWorkflowService, IdempotencyKeyRetention],
  exports: [DossierService],
})
export class DossierModule {}
