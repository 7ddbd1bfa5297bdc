import { Module } from '@nestjs/common';
import { Topics } from '@motcua/contracts';
import { inboxConsumerProvider } from '@motcua/messaging';
import { AccessLogModule } from '../access-log/access-log.module';
import { VerificationIntake } from './verification-intake';
import { VerificationWorker } from './verification.worker';

@Module({
  imports: [AccessLogModule],
  providers: [
    VerificationIntake,
    VerificationWorker,
    inboxConsumerProvider('APPLICANT_VERIFICATION_CONSUMER', {
      inject: [VerificationIntake],
      useFactory: (intake: VerificationIntake) => ({
        name: 'applicant-verification',
        topics: [Topics.Dossier],
        handle: (event, manager) => intake.apply(event, manager),
      }),
    }),
  ],
})
export class VerificationModule {}
