export * from './config.js';
export * from './problem-details.js';
export * from './validation.js';
export * from './redis.js';
