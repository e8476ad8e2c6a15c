export * from './payment-worker.module.js';
