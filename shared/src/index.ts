export * from './domain.js';
export * from './tree/index.js';
export * from './fiscal-year.js';
export * from './dates.js';
export * from './policy.js';
export * from './contracts/index.js';
export * from './labels/index.js';
export * from './chromium.js';
