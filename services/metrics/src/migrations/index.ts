import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { ReadModels1764460800000 } from './1764460800000-read-models';

/** In order of application; a committed migration is never edited, only followed by a new one. */
export const metricsMigrations = [InitialSchema1764201600000, ReadModels1764460800000];
