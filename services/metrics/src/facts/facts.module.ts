import { Module } from '@nestjs/common';
import { dossierCodeOf, Topics } from '@motcua/contracts';
import { inboxConsumerProvider, PermanentEventError } from '@motcua/messaging';
import { ApplicantCheckProjection } from './applicant-check.projection';
import { DocumentFactProjection } from './document-fact.projection';
import { DossierFactProjection } from './dossier-fact.projection';
import { withDigitizationCounts } from './digitization-contributions';

/** The consumer name (and group `metrics.read-models`) the rebuild resets. */
export const READ_MODEL_CONSUMER = 'read-models';
export const READ_MODEL_TOPICS = [Topics.Dossier, Topics.Document, Topics.Signature, Topics.Citizen];

@Module({
  providers: [
    DossierFactProjection,
    DocumentFactProjection,
    ApplicantCheckProjection,
    inboxConsumerProvider('READ_MODEL_CONSUMER', {
      inject: [DossierFactProjection, DocumentFactProjection, ApplicantCheckProjection],
      useFactory: (
        dossiers: DossierFactProjection,
        documents: DocumentFactProjection,
        applicants: ApplicantCheckProjection,
      ) => ({
        name: READ_MODEL_CONSUMER,
        topics: READ_MODEL_TOPICS,
        handle: async (event, manager) => {
          const code = dossierCodeOf(event);
          // One dossier's events are applied one at a time even by several instances (its topics are not the same
          // partition): the before/after differences and the links between facts see each other's commits.
          await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [code]);
          try {
            await withDigitizationCounts(code, manager, async () => {
              await dossiers.apply(event, manager);
              await documents.apply(event, manager);
              await applicants.apply(event, manager);
            });
          } catch (error) {
            // An agency code the hierarchy cannot place is in the event itself: retrying cannot help.
            if (error instanceof RangeError) throw new PermanentEventError(error.message, { cause: error });
            throw error;
          }
        },
      }),
    }),
  ],
})
export class FactsModule {}
