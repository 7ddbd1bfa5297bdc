import { Module } from '@nestjs/common';
import { Topics } from '@motcua/contracts';
import { inboxConsumerProvider } from '@motcua/messaging';
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
        handle: async (event, manager) => {
          await purposes.apply(event, manager);
          await intake.apply(event, manager);
        },
      }),
    }),
  ],
})
export class VerificationModule {}
