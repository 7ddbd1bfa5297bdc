import { Module } from '@nestjs/common';
import { EventTypes, Topics } from '@motcua/contracts';
import { handleByType, inboxConsumerProvider } from '@motcua/messaging';
import { AccessLogModule } from '../access-log/access-log.module';
import { PurposeDirectory } from '../purposes/purpose-directory';
import { PurposesModule } from '../purposes/purposes.module';
import { VerificationIntake } from './verification-intake';
import { VerificationWorker } from './verification.worker';

@Module({
  imports: [AccessLogModule, PurposesModule],
  providers: [
    VerificationIntake,
    VerificationWorker,
    inboxConsumerProvider('APPLICANT_VERIFICATION_CONSUMER', {
      inject: [VerificationIntake, PurposeDirectory],
      // One consumer of the dossier and document topics: the purpose projection (applicant, persons named in
      // validated forms) and the verification request commit together.
      useFactory: (intake: VerificationIntake, purposes: PurposeDirectory) => ({
        name: 'applicant-verification',
        topics: [Topics.Dossier, Topics.Document],
        handle: handleByType({
          [EventTypes.DocumentDigitizedV1]: (event, manager) =>
            purposes.documentDigitized(event.data, manager),
          [EventTypes.DossierReceivedV1]: async (event, manager) => {
            await purposes.dossierReceived(event.data, manager);
            await intake.dossierReceived(event.data, manager);
          },
        }),
      }),
    }),
  ],
})
export class VerificationModule {}
