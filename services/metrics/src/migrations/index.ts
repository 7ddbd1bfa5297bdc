import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { ReadModels1764460800000 } from './1764460800000-read-models';
import { FinishedScopeIndex1764806400000 } from './1764806400000-finished-scope-index';
import { ResultHistory1764979200000 } from './1764979200000-result-history';
import { FirstResultTimes1765065600000 } from './1765065600000-first-result-times';
import { OutboxTraceparent1765324800000 } from './1765324800000-outbox-traceparent';
import { OnlineConfirmation1765411200000 } from './1765411200000-online-confirmation';

/** In order of application; a committed migration is never edited, only followed by a new one. */
export const metricsMigrations = [
  InitialSchema1764201600000,
  ReadModels1764460800000,
  FinishedScopeIndex1764806400000,
  ResultHistory1764979200000,
  FirstResultTimes1765065600000,
  OutboxTraceparent1765324800000,
  OnlineConfirmation1765411200000,
];
