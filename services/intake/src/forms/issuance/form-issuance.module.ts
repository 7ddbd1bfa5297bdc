import { DynamicModule, Module } from '@nestjs/common';
import type { ModuleMetadata } from '@nestjs/common';
import { EventTypes, Topics } from '@motcua/contracts';
import { handleByType, inboxConsumerProvider } from '@motcua/messaging';
import { FormIssuanceService } from './form-issuance.service';

/**
 * Issues forms 01-05 in the background: intake consumes its own dossier events through the idempotent inbox,
 * so the hot write path (POST /dossiers, workflow actions) never renders or signs (docs/forms-issuance.md).
 */
@Module({})
export class FormIssuanceModule {
  /**
   * `forms` are the modules that export DOSSIER_FORM_PRINTER and FORM_SIGNER (FormPrintingModule and
   * FormSigningModule in the app; test implementations in the specs).
   */
  static register(forms: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: FormIssuanceModule,
      imports: forms,
      providers: [
        FormIssuanceService,
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
    };
  }
}
