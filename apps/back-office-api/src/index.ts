export * from './bootstrap.js';
export * from './app.module.js';
