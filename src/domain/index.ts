export * from './ticket.js';
export * from './triage.js';
export * from './route.js';
export * from './model.js';
