export * from './paging-cursors.js';
export * from './cursor-secret.js';
export * from './cursor-field.decorator.js';
