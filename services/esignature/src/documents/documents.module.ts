import { Module } from '@nestjs/common';
import { EventTypes, Topics } from '@motcua/contracts';
import { handleByType, inboxConsumerProvider } from '@motcua/messaging';
import { VerificationCoreModule } from '../verifications/verification-core.module';
import { DocumentIntake } from './document-intake';
import { DocumentVerificationService } from './document-verification.service';
import { ObjectReader } from './object-reader';
import { SignatureJobWorker } from './signature-job.worker';
import { TrustChangeRequeue } from './trust-change-requeue';
import { TrustStoreModule } from '../trust-store/trust-store.module';

@Module({
  imports: [VerificationCoreModule, TrustStoreModule],
  providers: [
    ObjectReader,
    DocumentIntake,
    DocumentVerificationService,
    SignatureJobWorker,
    TrustChangeRequeue,
    inboxConsumerProvider('DOCUMENT_DIGITIZED_CONSUMER', {
      inject: [DocumentIntake],
      useFactory: (intake: DocumentIntake) => ({
        // Handles document.digitized and document.reused; the name (the inbox key) predates the second.
        name: 'document-digitized',
        topics: [Topics.Document],
        handle: handleByType({
          [EventTypes.DocumentDigitizedV1]: (event, manager) => intake.digitized(event, manager),
          [EventTypes.DocumentReusedV1]: (event, manager) => intake.reused(event, manager),
        }),
      }),
    }),
  ],
  exports: [DocumentVerificationService],
})
export class DocumentsModule {}
