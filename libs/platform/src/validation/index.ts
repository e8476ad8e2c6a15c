export * from './validation-pipe.js';
export * from './business-date-fields.js';
export * from './id-params.js';
export { typeMetadataOf } from './nested-shapes.js';
export * from './one-of.js';
export * from './free-text.js';
export * from './cursor-field.decorator.js';
