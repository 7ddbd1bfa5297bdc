import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { DocumentsAndRecords1764547200000 } from './1764547200000-documents-and-records';
import { LedgerHead1764633600000 } from './1764633600000-ledger-head';
import { LedgerHeadPreviousHash1764720000000 } from './1764720000000-ledger-head-previous-hash';
import { KnownDossierStatus1764806400000 } from './1764806400000-known-dossier-status';
import { RecordAccessLog1764892800000 } from './1764892800000-record-access-log';
import { NationalChangeLog1764979200000 } from '@motcua/persistence';
import { RecordAccessOutcome1765065600000 } from './1765065600000-record-access-outcome';
import { OutboxTraceparent1765324800000 } from './1765324800000-outbox-traceparent';

/** In order of application; a committed migration is never edited, only followed by a new one. */
export const digitizationMigrations = [
  InitialSchema1764201600000,
  DocumentsAndRecords1764547200000,
  LedgerHead1764633600000,
  LedgerHeadPreviousHash1764720000000,
  KnownDossierStatus1764806400000,
  RecordAccessLog1764892800000,
  NationalChangeLog1764979200000,
  RecordAccessOutcome1765065600000,
  OutboxTraceparent1765324800000,
];
