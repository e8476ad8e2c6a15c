export * from './event-store.js';
export { DuplicateEventIdError } from './append-rules.js';
export * from './event-hash.js';
export * from './sqlite-event-store.js';
export { GroupCommit } from './group-commit.js';
export * from './eventstoredb-event-store.js';
export * from './handle-command.js';
export * from './handle-command-batch.js';
