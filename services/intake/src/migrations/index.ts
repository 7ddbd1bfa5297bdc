import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { AgenciesAndProcedures1764288000000 } from './1764288000000-agencies-and-procedures';
import { DossierWorkflow1764374400000 } from './1764374400000-dossier-workflow';
import { DossierDocuments1764460800000 } from './1764460800000-dossier-documents';
import { ReceiveDossierFunction1764633616000 } from './1764633616000-receive-dossier-function';
import { PublicLookupBuckets1765238400000 } from './1765238400000-public-lookup-buckets';
import { OutboxTraceparent1765324800000 } from './1765324800000-outbox-traceparent';
import { OnlineConfirmation1765411200000 } from './1765411200000-online-confirmation';
import { ReceivedEventDossierCode1765497600000 } from './1765497600000-received-event-dossier-code';
import { CalendarNotices1765584000000 } from './1765584000000-calendar-notices';
import { ProcedureVersionAuthoring1765670400000 } from './1765670400000-procedure-version-authoring';
import { IssuedForms1765756800000 } from './1765756800000-issued-forms';

/** In order of application; a committed migration is never edited, only followed by a new one. */
export const intakeMigrations = [
  InitialSchema1764201600000,
  AgenciesAndProcedures1764288000000,
  DossierWorkflow1764374400000,
  DossierDocuments1764460800000,
  ReceiveDossierFunction1764633616000,
  PublicLookupBuckets1765238400000,
  OutboxTraceparent1765324800000,
  OnlineConfirmation1765411200000,
  ReceivedEventDossierCode1765497600000,
  CalendarNotices1765584000000,
  ProcedureVersionAuthoring1765670400000,
  IssuedForms1765756800000,
];
