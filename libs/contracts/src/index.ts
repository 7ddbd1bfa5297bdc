export * from './enums';
export * from './event-types';
export * from './topics';
export * from './cloud-event';
export * from './events/dossier-events';
export * from './events/dossier-record-events';
export * from './events/citizen-events';
export * from './events/document-events';
export { validateCloudEvent, parseCloudEvent, type EventValidation } from './event-validation';
