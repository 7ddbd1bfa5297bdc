import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { VerificationAndAccessLog1764460800000 } from './1764460800000-verification-and-access-log';
import { PurposeDossiers1765065600000 } from './1765065600000-purpose-dossiers';
import { OutboxTraceparent1765324800000 } from './1765324800000-outbox-traceparent';

/** In order of application; a committed migration is never edited, only followed by a new one. */
export const dataSharingMigrations = [
  InitialSchema1764201600000,
  VerificationAndAccessLog1764460800000,
  PurposeDossiers1765065600000,
  OutboxTraceparent1765324800000,
];
