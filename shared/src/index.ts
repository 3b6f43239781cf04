export * from './domain.js';
export * from './tree.js';
export * from './fiscal-year.js';
export * from './policy.js';
export * from './contracts/index.js';
