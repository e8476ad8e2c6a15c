export * from './projector.module.js';
