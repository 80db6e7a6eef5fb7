export * from './roles';
export * from './jwt';
export * from './token-minting';
export * from './auth-keys';
