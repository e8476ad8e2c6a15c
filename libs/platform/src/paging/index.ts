export * from './paging-cursors.js';
export * from './cursor-secret.js';
