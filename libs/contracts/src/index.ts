export * from './enums';
export * from './event-types';
export * from './topics';
export * from './cloud-event';
export * from './events/dossier-events';
export { validateCloudEvent, parseCloudEvent, type EventValidation } from './event-validation';
