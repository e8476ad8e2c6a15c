import { Injectable, type OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { addMonthsToYearMonth, type YearMonth } from '@kenpo/kernel';
import { MANY_TIMES } from '@kenpo/benefits';
import { EventStore } from '@kenpo/event-store';
import { DocumentStore, type FindQuery, type Page, waitForPosition, withoutStorageFields } from '@kenpo/read-models';
import type { ClaimView } from './claim-view.js';
import { BENEFIT_CLAIMS, claimsProjection } from './claims.projection.js';

const IN_CHUNK = 500;

/** Questions answered from the claims read model. */
@Injectable()
export class ClaimViews implements OnModuleInit {
  constructor(
    private readonly documents: DocumentStore,
    private readonly events: EventStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.documents.declare(claimsProjection.collection);
  }

  async list(where: FindQuery['where'], page: Pick<FindQuery, 'limit' | 'cursor'>): Promise<Page<ClaimView>> {
    const result = await this.documents.find<ClaimView>(BENEFIT_CLAIMS, { where, ...page });
    return { ...result, items: result.items.map(withoutStorageFields) };
  }

  /**
   * Waits until the read model has every event recorded so far: the household history decides amounts
   * (多数回該当), so it must not miss a benefit recorded a moment ago. 503 when the projector is not keeping up.
   */
  async upToDate(): Promise<void> {
    const head = await this.events.headPosition();
    const { reached } = await waitForPosition(this.documents, claimsProjection, head, { timeoutMs: 10_000 });
    if (!reached)
      throw new ServiceUnavailableException('the claims read model is behind the event store; try again shortly');
  }

  private async *all(where: FindQuery['where']): AsyncGenerator<ClaimView> {
    let cursor: string | undefined;
    do {
      const page = await this.documents.find<ClaimView>(BENEFIT_CLAIMS, { where, limit: 1_000, cursor });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /**
   * Per member, the months from the 多数回 window of `month` on in which the household had an approved high-cost
   * benefit (later months too: a late-recorded month re-derives the months after it).
   */
  async highCostMonths(memberIds: readonly string[], month: string): Promise<Map<string, string[]>> {
    const months = new Map<string, Set<string>>();
    const from = addMonthsToYearMonth(month as YearMonth, -MANY_TIMES.previousMonths);
    for (let i = 0; i < memberIds.length; i += IN_CHUNK) {
      const where = {
        memberId: { in: memberIds.slice(i, i + IN_CHUNK) },
        kind: 'high-cost-medical',
        status: 'approved',
        month: { gte: from },
      };
      for await (const view of this.all(where)) {
        if (view.month && view.amount && view.amount > 0)
          months.set(view.memberId, (months.get(view.memberId) ?? new Set()).add(view.month));
      }
    }
    return new Map([...months].map(([id, set]) => [id, [...set].sort()]));
  }

  /** The last day of an allowance approved for the member and claimed after `lossDate` (continuation benefits). */
  async lastContinuationDay(memberId: string, lossDate: string): Promise<string | null> {
    let last: string | null = null;
    for await (const view of this.all({ memberId, status: 'approved' })) {
      const day = view.lastDayClaimed;
      if (day && day >= lossDate && (last === null || day > last)) last = day;
    }
    return last;
  }
}
