import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { RecordedEvent } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import {
  applyBatch,
  checkpointName,
  DocumentStore,
  type Projection,
  projectionPosition,
  waitForPosition,
} from '@kenpo/read-models';
import { BatchingSubscription } from '../subscription/batching-subscription.js';
import { PAYOUT_PROJECTIONS } from './payout-runs.projection.js';

/**
 * Runs the payout views in the worker, from their own checkpoints (one per collection version, as the projector
 * names them, so a blue/green rebuild of a view is picked up). Catch-up in batches, then live.
 */
@Injectable()
export class PayoutViews implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly subscription: BatchingSubscription;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
  ) {
    this.subscription = new BatchingSubscription(events, {
      name: 'PayoutViews',
      checkpoint: () => this.lowestCheckpoint(),
      handle: (batch) => this.apply(batch),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const projection of PAYOUT_PROJECTIONS) await this.documents.declare(projection.collection);
    await this.subscription.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription.close();
  }

  /** Waits until every payout view has applied the log up to `position`; false on timeout. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    for (const projection of PAYOUT_PROJECTIONS) {
      const { reached } = await waitForPosition(this.documents, projection, position, { timeoutMs });
      if (!reached) return false;
    }
    return true;
  }

  private async lowestCheckpoint(): Promise<number | null> {
    let lowest: number | null = Number.POSITIVE_INFINITY;
    for (const projection of PAYOUT_PROJECTIONS) {
      const position = await projectionPosition(this.documents, projection);
      if (position === null) return null;
      lowest = Math.min(lowest, position);
    }
    return lowest;
  }

  private async apply(batch: RecordedEvent[]): Promise<void> {
    for (const projection of PAYOUT_PROJECTIONS as readonly Projection<any, any>[]) {
      const version = (await this.documents.activeVersion(projection.collection.name)) ?? 1;
      await applyBatch(this.documents, projection, batch, {
        target: { name: projection.collection.name, version },
        checkpoint: checkpointName(projection.name, version),
      });
    }
  }
}
