import { useRef, useState } from 'react';
import { ApiProblem } from '../api/problem';

/** 128 random bits as hex: getRandomValues works on plain http too, unlike randomUUID. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The API kept an answer for the key (success or a refusal): the next submission needs a new key. */
export function decided(error: unknown): boolean {
  return (
    error instanceof ApiProblem && error.status >= 400 && error.status < 500 && error.code !== 'idempotency_in_progress'
  );
}

/**
 * One Idempotency-Key per submission. A click while the request is out is ignored; the same body sent again after a
 * lost answer (network, 5xx) keeps its key, so the API records it once; after an answer the API kept, a new key.
 */
export function useSubmission() {
  const inFlight = useRef(false);
  const last = useRef<{ body: string; key: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function submit<T>(body: unknown, send: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> {
    if (inFlight.current) return undefined;
    const text = JSON.stringify(body ?? null);
    if (last.current?.body !== text) last.current = { body: text, key: newKey() };
    inFlight.current = true;
    setPending(true);
    try {
      const answer = await send(last.current.key);
      last.current = null;
      return answer;
    } catch (error) {
      if (decided(error)) last.current = null;
      throw error;
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }
  return { submit, pending };
}
