import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { RecordedEvent } from '@kenpo/kernel';
import { EventStore, type Subscription } from '@kenpo/event-store';
import { AppConfig } from '@kenpo/platform';
import { applyBatch, checkpointName, DocumentStore } from '@kenpo/read-models';
import { claimsProjection } from './claims.projection.js';

/**
 * Feeds the claims view from its checkpoint in the process that has the projector role (one writer).
 * INTERIM: the projector's registry (libs/read-models PROJECTIONS) cannot import a projection that lives in this
 * app; once the projector accepts projections from the app, this runner goes and the projection is registered there.
 */
@Injectable()
export class ClaimsProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ClaimsProjection');
  private subscription: Subscription | undefined;
  private stopped = false;

  constructor(private readonly config: AppConfig, private readonly events: EventStore, private readonly documents: DocumentStore) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runs('projector')) return;
    await this.documents.declare(claimsProjection.collection);
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
  }

  private async start(): Promise<void> {
    const name = claimsProjection.collection.name;
    const version = (await this.documents.activeVersion(name))!;
    const target = { name, version };
    const checkpoint = checkpointName(claimsProjection.name, version);
    let after = (await this.documents.getCheckpoint(checkpoint)) ?? -1;
    for await (const page of this.events.readAllPages({ after, pageSize: 1_000 })) {
      after = (await applyBatch(this.documents, claimsProjection, page, { target, checkpoint })).checkpoint ?? after;
    }
    if (this.stopped) return;
    const apply = async (event: RecordedEvent) => {
      if (!this.stopped) await applyBatch(this.documents, claimsProjection, [event], { target, checkpoint });
    };
    this.subscription = this.events.subscribe(apply, {
      after,
      onError: (error) => {
        this.logger.error(`claims projection stopped: ${error.message}; restarting from the checkpoint`);
        if (this.stopped) return;
        setTimeout(() => {
          void (async () => {
            await this.subscription?.close();
            if (!this.stopped) await this.start();
          })().catch((e: Error) => this.logger.error(`claims projection restart failed: ${e.message}`));
        }, 1_000);
      },
    });
  }
}
