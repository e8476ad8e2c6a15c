// What every process uses. The DTOs' validation (class-validator, Swagger field metadata) is
// '@kenpo/platform/validation', loaded only by the processes that serve the API.
export * from './config.js';
export * from './problem-details.js';
export * from './redis.js';
export * from './tokens.js';
export * from './health.js';
export * from './infrastructure.module.js';
export * from './auth/index.js';
export * from './bank-directory.js';
export * from './logging.js';
export * from './http/index.js';
export * from './paging/index.js';
export * from './files/temporary-files.js';
export * from './dependencies/index.js';
