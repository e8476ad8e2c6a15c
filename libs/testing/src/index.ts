export * from './redis.js';
export * from './temp-dir.js';
export * from './process-parts.js';
