import { Module } from '@nestjs/common';
import { Topics } from '@motcua/contracts';
import { inboxConsumerProvider } from '@motcua/messaging';
import { DossierFactProjection } from './dossier-fact.projection';

@Module({
  providers: [
    DossierFactProjection,
    inboxConsumerProvider('DOSSIER_FACTS_CONSUMER', {
      inject: [DossierFactProjection],
      useFactory: (projection: DossierFactProjection) => ({
        name: 'dossier-facts',
        topics: [Topics.Dossier],
        handle: (event, manager) => projection.apply(event, manager),
      }),
    }),
  ],
})
export class FactsModule {}
