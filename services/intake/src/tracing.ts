import { startTracing } from '@motcua/observability';

// Loaded first by main.ts: the instrumentations must be in place before http, express and pg are.
startTracing('intake');
