export * from './projector.module.js';
export * from './projector.service.js';
export * from './projection-runner.js';
export * from './projection-lag.js';
export * from './rebuild-projection.js';
