import { secureRandomBytes } from './secure-random.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A time-ordered UUIDv7 (RFC 9562). Used for command, member, claim and run ids; time-ordered ids keep the
 * event store's unique index append-friendly (architecture.md 4).
 */
export function newId(now: number = Date.now()): string {
  const bytes = secureRandomBytes(16);
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of the `index`-th event a command produced: the command id with its last 16 bits replaced by the index.
 * Deterministic, so a retried command appends the same ids and the store recognises the retry (idempotency),
 * and still time-ordered when the command id is a UUIDv7.
 */
export function eventIdFor(commandId: string, index: number): string {
  if (!isUuid(commandId)) throw new Error('command id must be a UUID');
  if (!Number.isInteger(index) || index < 0 || index > 0xffff) throw new Error('event index out of range');
  return `${commandId.slice(0, 32)}${index.toString(16).padStart(4, '0')}`.toLowerCase();
}
