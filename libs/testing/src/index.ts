export * from './redis.js';
export * from './temp-dir.js';
