export * from './configuration';
export * from './local-standards-file';
export * from './open-storage';
export * from './clock';
export * from './logger';
export * from './chain-key';
