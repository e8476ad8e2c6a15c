export * from './individual-number-vault.js';
export * from './sqlite-vault.js';
export * from './master-key.js';
export * from './private-files.js';
export * from './individual-number-purposes.js';
export * from './access-audit.events.js';
export * from './master-key-rotation.js';
export * from './mask-individual-numbers.js';
