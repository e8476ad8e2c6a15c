import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { type Actor, type CommandMetadata, isUuid, newId, ValidationError } from '@kenpo/kernel';
import type { AuthenticatedRequest } from '@kenpo/platform';

const IDEMPOTENCY_NAMESPACE = '6f1c2a4e-8b0d-4f6a-9c3e-2d7b5a1e9f40';

/** What every command request carries besides its body: who, which ids, the client's expectations. */
export interface CommandContext {
  actor: Actor;
  commandId: string;
  correlationId: string;
  /** Present when the client sent Idempotency-Key: ids derived from it make a retry land on the same streams. */
  idempotencyKey: string | null;
  /** If-Match: the stream revision the client last saw. */
  expectedRevision: number | undefined;
}

export function metadataOf(context: CommandContext, now: Date, reason?: string): CommandMetadata {
  return {
    commandId: context.commandId,
    correlationId: context.correlationId,
    actor: context.actor,
    now: now.toISOString(),
    ...(reason ? { reason } : {}),
  };
}

/**
 * What ids derived from an Idempotency-Key are derived from: the subject, the key and a purpose as a JSON array, so
 * no two users' keys can spell the same name (`a:b` + `c` is not `a` + `b:c`).
 */
export function keyedName(subject: string, idempotencyKey: string, ...purpose: string[]): string {
  return JSON.stringify([subject, idempotencyKey, ...purpose]);
}

/** An id for a new aggregate: derived from the Idempotency-Key when there is one, so a retry reuses it. */
export function newAggregateId(context: CommandContext, purpose: string): string {
  return context.idempotencyKey
    ? uuidv5(keyedName(context.actor.id, context.idempotencyKey, purpose), IDEMPOTENCY_NAMESPACE)
    : newId();
}

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function commandContextOf(request: AuthenticatedRequest & { id?: unknown }): CommandContext {
  if (!request.actor) throw new Error('command endpoints need an authenticated actor');
  const idempotencyKey = header(request, 'idempotency-key') ?? null;
  if (idempotencyKey !== null && !/^[A-Za-z0-9_.:-]{8,128}$/.test(idempotencyKey)) {
    throw ValidationError.of('Idempotency-Key', 'format', 'must be 8 to 128 characters of letters, digits, _ . : -');
  }
  const ifMatch = header(request, 'if-match');
  let expectedRevision: number | undefined;
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!match)
      throw ValidationError.of('If-Match', 'revision', 'must be the revision number the client last saw, e.g. "3"');
    expectedRevision = Number(match[1]);
  }
  const correlation = header(request, 'x-correlation-id');
  if (correlation !== undefined && !isUuid(correlation))
    throw ValidationError.of('X-Correlation-Id', 'uuid', 'must be a UUID');
  const commandId = idempotencyKey
    ? uuidv5(keyedName(request.actor.id, idempotencyKey), IDEMPOTENCY_NAMESPACE)
    : newId();
  return { actor: request.actor, commandId, correlationId: correlation ?? commandId, idempotencyKey, expectedRevision };
}

export function commandContextParam(_: unknown, context: ExecutionContext): CommandContext {
  return commandContextOf(context.switchToHttp().getRequest());
}

/** The CommandContext of the current request (the OpenAPI description documents its headers from this). */
export const Ctx = createParamDecorator(commandContextParam);
