import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { HealthRegistry } from '@kenpo/platform';
import { projectionLag, ProjectionRunner } from '@kenpo/projector';
import { type Document, DocumentStore, type Projection } from '@kenpo/read-models';
import { claimsProjection } from './claims.projection.js';

/**
 * Feeds the claims view in the process with the projector role (one writer), with the projector's own runner.
 * The projector's registry (libs/read-models PROJECTIONS) cannot import a projection that lives in this app, hence
 * this module; it goes once the projector accepts projections from the app.
 */
@Injectable()
export class ClaimsProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ClaimsProjection');
  readonly runner: ProjectionRunner;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    health: HealthRegistry,
  ) {
    this.runner = new ProjectionRunner(events, documents, claimsProjection as unknown as Projection<Document>, {
      log: (level, message) => this.logger[level](message),
    });
    health.register('claims-projection', async () => {
      const status = this.runner.status();
      if (status.failures >= 3) throw new Error(`claims projection failing: ${status.lastError}`);
      return {
        state: status.state,
        ...(await projectionLag(this.events, this.documents, claimsProjection, this.clock.now())),
      };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.documents.declare(claimsProjection.collection);
    this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
