import { Module } from '@nestjs/common';
import { AgencyModule } from '../agencies/agency.module';
import { FormSigningModule } from '../forms/signing/form-signing.module';
import { ReceiptController } from './receipt.controller';
import { ReceiptService } from './receipt.service';

@Module({
  imports: [AgencyModule, FormSigningModule],
  controllers: [ReceiptController],
  providers: [ReceiptService],
  exports: [ReceiptService],
})
export class ReceiptModule {}
