export * from './rules';
export * from './desk';
export * from './households';
export * from './template';
export * from './working-days';
export * from './zoned-time';
