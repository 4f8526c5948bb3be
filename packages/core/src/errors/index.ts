export * from './invalid-input-error.js';
export * from './registry-errors.js';
export * from './selection-errors.js';
export * from './switchyard-error.js';
