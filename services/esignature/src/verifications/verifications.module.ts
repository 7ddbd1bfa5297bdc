import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { VerificationCoreModule } from './verification-core.module';
import { UploadVerificationService } from './upload-verification.service';
import { VerificationsController } from './verifications.controller';

@Module({
  imports: [VerificationCoreModule, DocumentsModule],
  controllers: [VerificationsController],
  providers: [UploadVerificationService],
})
export class VerificationsModule {}
