import { fold, type RecordedEvent } from '@kenpo/kernel';
import { type EventStore, StreamNotFoundError } from '@kenpo/event-store';
import { evolve as evolveMember, initialState as initialMemberState, type MemberEvent } from '@kenpo/membership';
import { type MemberAccount, payoutDecider, type PayoutEvent, type PayoutState, payoutStreamId } from '@kenpo/payouts';
import type { PayoutSnapshot } from './run-plan.js';

/** A stream's events up to and including a global position: the same answer however often it is asked. */
export async function streamUpTo(store: EventStore, streamId: string, position: number): Promise<RecordedEvent[]> {
  try {
    return (await store.readStream(streamId)).filter((event) => event.position <= position);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

export async function payoutStateAt(store: EventStore, payoutId: string, position: number): Promise<PayoutState> {
  return fold(payoutDecider, (await streamUpTo(store, payoutStreamId(payoutId), position)) as unknown as PayoutEvent[]);
}

/** The member's registered 公金受取口座 (domain.md 7) at a position; null when none (or no such member). */
export async function memberAccountAt(
  store: EventStore,
  memberId: string,
  position: number,
): Promise<MemberAccount | null> {
  const events = (await streamUpTo(store, `member-${memberId}`, position)) as unknown as MemberEvent[];
  if (events.length === 0) return null;
  return fold({ evolve: evolveMember, initialState: initialMemberState }, events).account;
}

/**
 * Payouts and their members' accounts as they stood at `position`. A run decides from this snapshot only, and a
 * retry after a crash reads the same snapshot again (the position is recorded with the batch).
 */
export async function snapshotAt(
  store: EventStore,
  payoutIds: readonly string[],
  position: number,
  concurrency = 16,
): Promise<PayoutSnapshot[]> {
  const accounts = new Map<string, Promise<MemberAccount | null>>();
  const snapshots: PayoutSnapshot[] = new Array(payoutIds.length);
  let next = 0;
  const worker = async () => {
    while (next < payoutIds.length) {
      const index = next++;
      const payout = await payoutStateAt(store, payoutIds[index]!, position);
      let account = accounts.get(payout.memberId);
      if (!account) accounts.set(payout.memberId, (account = memberAccountAt(store, payout.memberId, position)));
      snapshots[index] = { payout, memberAccount: payout.status === 'none' ? null : await account };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, payoutIds.length) }, worker));
  return snapshots;
}
