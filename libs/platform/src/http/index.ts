export * from './send-problem.js';
export * from './security-headers.js';
export * from './rate-limit.js';
export * from './authenticate.js';
export * from './json-depth.js';
export * from './json-body.js';
export * from './server-timeouts.js';
export * from './edge.js';
