import { fold } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import { outstandingOf, recoveryDecider, type RecoveryEvent, recoveryStreamId } from '@kenpo/payouts';
import type { DocumentStore } from '@kenpo/read-models';
import { type RecoveryView, recoveriesProjection } from '../views/recoveries.projection.js';
import type { RecoveryBalance } from './run-plan.js';
import { streamUpTo } from './snapshot.js';

/**
 * What each recovery still claims at `position` (issue 13.6): candidates from the recoveries view (caught up with
 * the log before planning), each judged from its own stream up to that position, so a retried run sees the same.
 */
export async function recoveryBalancesAt(
  events: EventStore,
  documents: DocumentStore,
  position: number,
): Promise<RecoveryBalance[]> {
  const balances: RecoveryBalance[] = [];
  let cursor: string | undefined;
  do {
    const page = await documents.find<RecoveryView>(recoveriesProjection.collection.name, {
      where: { status: 'outstanding' },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const { recoveryId } of page.items) {
      const history = await streamUpTo(events, recoveryStreamId(recoveryId), position);
      const state = fold(recoveryDecider, history as unknown as RecoveryEvent[]);
      const outstanding = outstandingOf(state);
      if (state.status === 'open' && outstanding > 0)
        balances.push({ recoveryId, payeeKey: state.payeeKey, outstanding });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return balances;
}
