import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { VerificationCoreModule } from './verification-core.module';
import { VerificationsController } from './verifications.controller';

@Module({
  imports: [VerificationCoreModule, DocumentsModule],
  controllers: [VerificationsController],
})
export class VerificationsModule {}
