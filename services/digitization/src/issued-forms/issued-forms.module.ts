import { Module } from '@nestjs/common';
import { EventTypes, Topics } from '@motcua/contracts';
import { handleByType, inboxConsumerProvider } from '@motcua/messaging';
import { DocumentsModule } from '../documents/documents.module';
import { IssuedFormDocuments } from './issued-form-documents';

/**
 * The one-stop forms intake issues, stored as documents of their dossier. A consumer of its own, so that object
 * storage being away holds back only the forms, not the dossier directory that uploads need.
 */
@Module({
  imports: [DocumentsModule],
  providers: [
    IssuedFormDocuments,
    inboxConsumerProvider('ISSUED_FORMS_CONSUMER', {
      inject: [IssuedFormDocuments],
      useFactory: (forms: IssuedFormDocuments) => ({
        name: 'issued-forms',
        topics: [Topics.Dossier],
        handle: handleByType({
          [EventTypes.DossierFormIssuedV1]: (event, manager) => forms.store(event, manager),
        }),
      }),
    }),
  ],
})
export class IssuedFormsModule {}
