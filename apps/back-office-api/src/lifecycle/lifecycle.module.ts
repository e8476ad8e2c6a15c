import { type DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { membershipSettings } from '@kenpo/membership';
import { AppConfig } from '@kenpo/platform';
import { DocumentStore } from '@kenpo/read-models';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { LifecycleRunner } from './lifecycle-runner.js';
import { LifecycleRuns } from './lifecycle-runs.service.js';
import { LifecycleWorker } from './lifecycle.worker.js';

/** The society's lifecycle choices from configuration (the rest are the decider's defaults). */
export function lifecycleSettings(config: AppConfig) {
  return membershipSettings({
    documentRenewalDays: config.values.LIFECYCLE_DOCUMENT_RENEWAL_DAYS,
    dependantReviewDay: config.values.LIFECYCLE_DEPENDANT_REVIEW_DAY,
  });
}

/** TEST ONLY (LIFECYCLE_FAULT=after-actions:<n>): the process kills itself after recording n actions. */
export function lifecycleFault(config: AppConfig): ((count: number) => void) | undefined {
  const fault = config.values.LIFECYCLE_FAULT;
  if (!fault) return undefined;
  const limit = Number(fault.split(':')[1]);
  return (count) => {
    if (count >= limit) process.kill(process.pid, 'SIGKILL');
  };
}

/** The lifecycle run: the API part (start and read runs) and, in a worker process, the scheduler and worker. */
@Module({})
export class LifecycleModule {
  static async register(parts: { api: boolean; worker: boolean }): Promise<DynamicModule> {
    // The controller (its DTOs, class-validator, Swagger) is loaded only where the API runs.
    const controllers = parts.api ? [(await import('./lifecycle-runs.controller.js')).LifecycleRunsController] : [];
    return {
      module: LifecycleModule,
      controllers,
      providers: [
        LifecycleRuns,
        IdempotencyInterceptor,
        {
          provide: LifecycleRunner,
          inject: [EventStore, DocumentStore, Clock, AppConfig],
          useFactory: (events: EventStore, documents: DocumentStore, clock: Clock, config: AppConfig) =>
            new LifecycleRunner(events, documents, clock, lifecycleSettings(config), {
              afterRecorded: lifecycleFault(config),
            }),
        },
        ...(parts.worker ? [LifecycleWorker] : []),
      ],
    };
  }
}
