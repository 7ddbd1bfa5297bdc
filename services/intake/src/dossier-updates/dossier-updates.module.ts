import { Module } from '@nestjs/common';
import { Topics } from '@motcua/contracts';
import { inboxConsumerProvider } from '@motcua/messaging';
import { DossierUpdatesProjection } from './dossier-updates.projection';

@Module({
  providers: [
    DossierUpdatesProjection,
    inboxConsumerProvider('DOSSIER_UPDATES_CONSUMER', {
      inject: [DossierUpdatesProjection],
      useFactory: (projection: DossierUpdatesProjection) => ({
        name: 'dossier-updates',
        topics: [Topics.Citizen, Topics.Document, Topics.Signature],
        handle: (event, manager) => projection.apply(event, manager),
      }),
    }),
  ],
})
export class DossierUpdatesModule {}
