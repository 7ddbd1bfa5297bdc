import { InitialSchema1764201600000 } from './1764201600000-initial-schema';

/** In order of application; a committed migration is never edited, only followed by a new one. */
export const esignatureMigrations = [InitialSchema1764201600000];
