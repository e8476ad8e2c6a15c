import type { Actor } from './event.js';

/** Who sent a command, when, and which ids its events derive from. Time and ids enter the domain here. */
export interface CommandMetadata {
  /** UUIDv7; event ids derive from it, so re-sending the same command is idempotent. */
  commandId: string;
  correlationId: string;
  causationId?: string;
  actor: Actor;
  /** ISO-8601 UTC instant the command was received. */
  now: string;
  reason?: string;
}

export type Command<Type extends string = string, Data = Record<string, unknown>> = Readonly<{
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}>;
