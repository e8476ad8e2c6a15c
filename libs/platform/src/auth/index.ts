export * from './roles.decorator.js';
export * from './token-verifier.js';
export * from './auth.guard.js';
export * from './current-actor.decorator.js';
export * from './mint-token.js';
