import { Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
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
 * Runs the payout views in the projector's process, from their own checkpoints (one per collection version, as the
 * projector names them, so a blue/green rebuild of a view is picked up). Catch-up in batches, then live. They are
 * not the worker's: a payout run appends an event per payout, and applying those in the worker's process took a share
 * of the core the run needs (bench/README.md, payouts); the worker only waits for them (waitForPayoutViews).
 */
@Injectable()
export class PayoutViews implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly subscription: BatchingSubscription;
  /** The collection version each view was last written to, to notice a rebuild's switch. */
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
  ) {
    this.subscription = new BatchingSubscription(events, {
      name: 'PayoutViews',
      checkpoint: () => this.lowestCheckpoint(),
      handle: (batch) => this.apply(batch),
      types: [...new Set(PAYOUT_PROJECTIONS.flatMap((p) => p.eventTypes))],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const projection of PAYOUT_PROJECTIONS) await this.documents.declare(projection.collection);
    await this.subscription.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription.close();
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
    const projections = PAYOUT_PROJECTIONS as readonly Projection<any, any>[];
    const versions = await Promise.all(
      projections.map(async (p) => (await this.documents.activeVersion(p.collection.name)) ?? 1),
    );
    const switched = projections.filter(
      (p, i) => this.versions.has(p.name) && this.versions.get(p.name) !== versions[i],
    );
    projections.forEach((p, i) => this.versions.set(p.name, versions[i]!));
    if (switched.length > 0) {
      // A rebuild switched versions: the new one's checkpoint may be behind this subscription, so start over from it.
      throw new Error(`${switched.map((p) => p.name).join(', ')} switched to a rebuilt version`);
    }
    for (const [i, projection] of projections.entries()) {
      const version = versions[i]!;
      await applyBatch(this.documents, projection, batch, {
        target: { name: projection.collection.name, version },
        checkpoint: checkpointName(projection.name, version),
      });
    }
  }
}

/** The payout views' subscription, for the process that runs the projector role. */
@Module({ providers: [PayoutViews] })
export class PayoutViewsModule {}

/** Waits until every payout view has applied the log up to `position`, wherever they run; false on timeout. */
export async function waitForPayoutViews(
  documents: DocumentStore,
  position: number,
  timeoutMs: number,
): Promise<boolean> {
  for (const projection of PAYOUT_PROJECTIONS) {
    const { reached } = await waitForPosition(documents, projection, position, { timeoutMs });
    if (!reached) return false;
  }
  return true;
}
