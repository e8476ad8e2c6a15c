export * from './individual-number-vault.js';
export * from './sqlite-vault.js';
