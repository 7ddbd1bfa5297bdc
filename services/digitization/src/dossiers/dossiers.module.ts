import { Module } from '@nestjs/common';
import { Topics } from '@motcua/contracts';
import { inboxConsumerProvider } from '@motcua/messaging';
import { DossierDirectory } from './dossier-directory';

@Module({
  providers: [
    DossierDirectory,
    inboxConsumerProvider('DOSSIER_DIRECTORY_CONSUMER', {
      inject: [DossierDirectory],
      useFactory: (directory: DossierDirectory) => ({
        name: 'dossier-directory',
        topics: [Topics.Dossier],
        handle: (event, manager) => directory.apply(event, manager),
        afterMessageCommitted: async (event) => directory.forget(event.subject),
      }),
    }),
  ],
  exports: [DossierDirectory],
})
export class DossiersModule {}
