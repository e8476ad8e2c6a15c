export * from './dependency-unavailable.js';
export * from './request-redis.js';
export * from './write-health.js';
