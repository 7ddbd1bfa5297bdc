import { Module } from '@nestjs/common';
import { AgencyModule } from '../agencies/agency.module';
import { ReceiptModule } from '../receipts/receipt.module';
import { DossierFormsController } from './dossier-forms.controller';
import { DossierFormsService } from './dossier-forms.service';
import { FormSigningModule } from './signing/form-signing.module';

/** The one-stop forms of a dossier, printed and signed by its agency. */
@Module({
  imports: [AgencyModule, ReceiptModule, FormSigningModule],
  controllers: [DossierFormsController],
  providers: [DossierFormsService],
})
export class FormsModule {}
