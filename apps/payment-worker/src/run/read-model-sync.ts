import type { BusinessDate } from '@kenpo/kernel';
import type { DocumentStore } from '@kenpo/read-models';
import { REACTOR_CHECKPOINT } from '../reactor/reactions.js';
import { type PayoutView, payoutsProjection } from '../views/payouts.projection.js';

/** Waits until the payout reactor has handled the log up to `position` (it may run in another worker process). */
export async function waitForReactor(documents: DocumentStore, position: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (let interval = 5; ; interval = Math.min(interval * 2, 100)) {
    if (position < 0 || ((await documents.getCheckpoint(REACTOR_CHECKPOINT)) ?? -1) >= position) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Ids of the payouts the view shows as due on or before the transfer date: candidates, checked against the log. */
export async function dueCandidates(documents: DocumentStore, transferDate: BusinessDate): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await documents.find<PayoutView>(payoutsProjection.collection.name, {
      where: { status: 'due', dueDate: { lte: transferDate } },
      limit: 1_000,
      ...(cursor ? { cursor } : {}),
    });
    ids.push(...page.items.map((p) => p.payoutId));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return ids;
}
