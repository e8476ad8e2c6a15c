import type { Actor } from '@kenpo/kernel';

let counter = 0;
/** Metadata of a test command; ids are unique per call so each command stands alone. */
export function meta(actor: Actor, now = '2025-06-02T01:00:00.000Z') {
  counter += 1;
  const id = `0197a000-0000-7000-8000-${String(counter).padStart(12, '0')}`;
  return { commandId: id, correlationId: id, actor, now };
}

export const clerk: Actor = { id: 'clerk-1', role: 'clerk' };
export const clerk2: Actor = { id: 'clerk-2', role: 'clerk' };
export const approver: Actor = { id: 'approver-1', role: 'approver' };
export const system: Actor = { id: 'medical-cost-import', role: 'system' };
