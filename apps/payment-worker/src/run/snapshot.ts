import { fold, type RecordedEvent } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import { claimStreamId } from '@kenpo/benefits';
import {
  evolve as evolveMember,
  initialState as initialMemberState,
  insuredDeathDate,
  type MemberEvent,
  type MemberState,
} from '@kenpo/membership';
import { type MemberFacts, payoutDecider, type PayoutEvent, type PayoutState, payoutStreamId } from '@kenpo/payouts';
import type { PayoutSnapshot } from './run-plan.js';

/** A stream's events up to and including a global position: the same answer however often it is asked. */
export async function streamUpTo(store: EventStore, streamId: string, position: number): Promise<RecordedEvent[]> {
  return (await store.readStreamOrEmpty(streamId)).filter((event) => event.position <= position);
}

export async function payoutStateAt(store: EventStore, payoutId: string, position: number): Promise<PayoutState> {
  return fold(payoutDecider, (await streamUpTo(store, payoutStreamId(payoutId), position)) as unknown as PayoutEvent[]);
}

async function memberStateAt(store: EventStore, memberId: string, position: number): Promise<MemberState | null> {
  const events = (await streamUpTo(store, `member-${memberId}`, position)) as unknown as MemberEvent[];
  return events.length === 0 ? null : fold({ evolve: evolveMember, initialState: initialMemberState }, events);
}

const NO_FACTS: MemberFacts = { accountAtApplication: null, insuredDiedOn: null };

/**
 * What a run keeps of each member across the pages of its snapshot: the insured's date of death only (a member's
 * folded state is large, and a run of 100,000 payouts must not hold thousands of them, issue 16.5).
 */
export type MemberDeaths = Map<string, Promise<string | null>>;

/**
 * What a run needs of the member (resolvePayoutAccount): only payouts to a 公金受取口座 need anything, the insured's
 * death; those recorded before accounts were fixed also the account registered when their claim was submitted.
 */
async function factsFor(
  store: EventStore,
  payout: PayoutState,
  position: number,
  deaths: MemberDeaths,
): Promise<MemberFacts> {
  if (payout.status === 'none' || payout.accountSource !== 'public-funds') return NO_FACTS;
  let died = deaths.get(payout.memberId);
  if (!died) {
    died = memberStateAt(store, payout.memberId, position).then((state) => (state ? insuredDeathDate(state) : null));
    deaths.set(payout.memberId, died);
  }
  const insuredDiedOn = await died;
  if (payout.account) return { accountAtApplication: null, insuredDiedOn };
  const submittedAt = (await streamUpTo(store, claimStreamId(payout.claimId), position))[0]?.position ?? position;
  const atApplication = await memberStateAt(store, payout.memberId, submittedAt);
  return { accountAtApplication: atApplication?.account ?? null, insuredDiedOn };
}

/**
 * Payouts and their members' facts as they stood at `position`. A run decides from this snapshot only, and a
 * retry after a crash reads the same snapshot again (the position is recorded with the batch). A run reads it page
 * by page, passing the same `deaths` to each.
 */
export async function snapshotAt(
  store: EventStore,
  payoutIds: readonly string[],
  position: number,
  deaths: MemberDeaths = new Map(),
  concurrency = 16,
): Promise<PayoutSnapshot[]> {
  const snapshots: PayoutSnapshot[] = new Array(payoutIds.length);
  let next = 0;
  const worker = async () => {
    while (next < payoutIds.length) {
      const index = next++;
      const payout = await payoutStateAt(store, payoutIds[index]!, position);
      snapshots[index] = { payout, facts: await factsFor(store, payout, position, deaths) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, payoutIds.length) }, worker));
  return snapshots;
}
