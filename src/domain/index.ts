export * from './ticket.js';
export * from './triage.js';
export * from './route.js';
export * from './model.js';
export * from './lifecycle.js';
export * from './outcome.js';
export * from './report.js';
