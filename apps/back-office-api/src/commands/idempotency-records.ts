import { hash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A finished request's answer, replayed to a retry of the same request for 24 hours. */
export interface StoredAnswer {
  /** The vault's request digest (keyed, its key replaced at every erasure), never a plain hash of the body. */
  fingerprint: string;
  status: number;
  contentType: string;
  body: unknown;
}

/** A request under way: whose lease it is, and which request it is (a different one with the key is refused at once). */
interface Lease {
  lease: string;
  fingerprint: string;
}

export type IdempotencyRecord = ({ kind: 'answer' } & StoredAnswer) | ({ kind: 'lease' } & Lease);

const ANSWER_TTL_SECONDS = 24 * 3600;

/**
 * The Redis key of (subject, Idempotency-Key): a hash of their JSON array, so no two pairs share a key (`a:b` + `c`
 * is not `a` + `b:c`) and neither the subject nor the key is stored in clear.
 */
export function idempotencyRecordKey(subject: string, key: string): string {
  return `idempotency:${hash('sha256', JSON.stringify([subject, key]), 'hex')}`;
}

/** Prolongs a lease only while it is still the holder's. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/** Gives a lease up only if it is still the holder's (a retry may hold it since). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** The Redis side of idempotency: short leases while a request runs, answers once it has finished. */
export class IdempotencyRecords {
  constructor(private readonly redis: Redis) {}

  /** Takes the lease for `leaseMs` if there is no record; the lease's value, or null when a record exists. */
  async claim(key: string, fingerprint: string, leaseMs: number): Promise<string | null> {
    const value = JSON.stringify({ lease: randomUUID(), fingerprint } satisfies Lease);
    return (await this.redis.set(key, value, 'PX', leaseMs, 'NX')) === 'OK' ? value : null;
  }

  async read(key: string): Promise<IdempotencyRecord | null> {
    const stored = await this.redis.get(key);
    if (stored === null) return null;
    const parsed = JSON.parse(stored) as Partial<Lease & StoredAnswer>;
    return typeof parsed.lease === 'string'
      ? { kind: 'lease', ...(parsed as Lease) }
      : { kind: 'answer', ...(parsed as StoredAnswer) };
  }

  async renew(key: string, lease: string, leaseMs: number): Promise<void> {
    await this.redis.eval(RENEW, 1, key, lease, leaseMs);
  }

  async answer(key: string, answer: StoredAnswer): Promise<void> {
    await this.redis.set(key, JSON.stringify(answer), 'EX', ANSWER_TTL_SECONDS);
  }

  async release(key: string, lease: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, key, lease);
  }
}
