export * from './bytes';
export * from './hash';
export * from './signing';
export * from './office-key';
export * from './batch-cipher';
export * from './identity';
export * from './envelope';
export * from './session-key';
