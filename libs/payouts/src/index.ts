export * from './zengin/zengin-layout.js';
export * from './zengin/zengin-field.js';
export * from './zengin/zengin-framing.js';
export * from './zengin/transfer-file.types.js';
export * from './zengin/build-transfer-file.js';
export * from './zengin/parse-transfer-file.js';
