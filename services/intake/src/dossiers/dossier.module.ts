import { Module } from '@nestjs/common';
import { AgencyModule } from '../agencies/agency.module';
import { ProcedureModule } from '../procedures/procedure.module';
import { DossierRulesService } from './dossier-rules.service';
import { DossierWorkflowService } from './dossier-workflow.service';
import { DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';

@Module({
  imports: [AgencyModule, ProcedureModule],
  controllers: [DossierController],
  providers: [DossierRulesService, DossierService, DossierWorkflowService],
  exports: [DossierService],
})
export class DossierModule {}
