import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { Clock } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { DocumentStore, PROJECTIONS } from '@kenpo/read-models';
import { HealthRegistry } from '@kenpo/platform';
import { projectionLag } from './projection-lag.js';
import { ProjectionRunner, type RunnerStatus } from './projection-runner.js';

/** Consecutive failed cycles after which the projector reports itself down on /health. */
const DOWN_AFTER_FAILURES = 3;

/** Runs every projection from its checkpoint while the process lives, and reports their lag on /health. */
@Injectable()
export class ProjectorService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  readonly runners: ProjectionRunner[];

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    health: HealthRegistry,
  ) {
    this.runners = PROJECTIONS.map(
      (projection) =>
        new ProjectionRunner(events, documents, projection, {
          log: (level, message) => this.logger[level](message),
        }),
    );
    health.register('projector', () => this.health());
  }

  async onModuleInit(): Promise<void> {
    for (const projection of PROJECTIONS) await this.documents.declare(projection.collection);
  }

  /** Catch-up runs in the background: the process serves (and reports lag) while it catches up. */
  onApplicationBootstrap(): void {
    for (const runner of this.runners) runner.start();
    this.logger.log(`running ${this.runners.map((r) => r.projection.name).join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  statuses(): RunnerStatus[] {
    return this.runners.map((runner) => runner.status());
  }

  private async health(): Promise<Record<string, unknown>> {
    const head = await this.events.headPosition();
    const now = this.clock.now();
    const report: Record<string, unknown> = {};
    const failing: string[] = [];
    for (const runner of this.runners) {
      const status = runner.status();
      const lag = await projectionLag(this.events, this.documents, runner.projection, now, head);
      report[status.projection] = {
        state: status.state,
        ...lag,
        ...(status.lastError ? { lastError: status.lastError } : {}),
      };
      if (status.failures >= DOWN_AFTER_FAILURES) failing.push(`${status.projection}: ${status.lastError}`);
    }
    if (failing.length > 0) throw new Error(`projections failing: ${failing.join('; ')}`);
    return report;
  }
}
