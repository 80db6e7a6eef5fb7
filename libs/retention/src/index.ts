export * from './master-key';
export * from './child-keys';
export * from './personal-data-cipher';
export * from './encrypting-event-store';
