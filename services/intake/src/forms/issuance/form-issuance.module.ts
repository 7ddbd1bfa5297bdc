import { Module } from '@nestjs/common';
import { EventTypes, Topics } from '@motcua/contracts';
import { handleByType, inboxConsumerProvider } from '@motcua/messaging';
import { AgencyModule } from '../../agencies/agency.module';
import { FormSigningModule } from '../signing/form-signing.module';
import { FormIssuanceRetry } from './form-issuance.retry';
import { FormIssuanceService } from './form-issuance.service';
import { FormPrinter } from './form-printer';

/**
 * Issues forms 01-05 in the background: intake consumes its own dossier events through the idempotent inbox,
 * so the hot write path (POST /dossiers, workflow actions) never renders or signs (docs/forms-issuance.md).
 * Only in an app where form signing is configured: an electronic form is issued signed or not at all.
 */
@Module({
  imports: [AgencyModule, FormSigningModule],
  providers: [
    FormIssuanceService,
    FormIssuanceRetry,
    FormPrinter,
    inboxConsumerProvider('FORM_ISSUANCE_CONSUMER', {
      inject: [FormIssuanceService],
      useFactory: (issuance: FormIssuanceService) => ({
        name: 'form-issuance',
        topics: [Topics.Dossier],
        handle: handleByType({
          [EventTypes.DossierReceivedV1]: async (event, manager) => {
            await issuance.issueMissing(manager, event.data.code);
          },
          [EventTypes.DossierStatusChangedV1]: async (event, manager) => {
            await issuance.issueMissing(manager, event.data.code);
          },
        }),
      }),
    }),
  ],
  exports: [FormIssuanceService],
})
export class FormIssuanceModule {}
