import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@kenpo/kernel';
import { type AppConfig, HealthModule, InfrastructureModule, type RedisOptions } from '@kenpo/platform';

type Imports = NonNullable<DynamicModule['imports']>;

/**
 * The back office in one module tree. PROCESS_ROLES picks the parts this process runs: the embedded default runs
 * the API, the projector and the payment worker, each in its own process (PROCESS_LAYOUT, main.ts); production runs
 * one role per container.
 *
 * A role's modules are loaded only where it runs: each process holds the code and the libraries of its own roles
 * (the projector none of the API's DTOs, controllers and Swagger metadata, nor BullMQ).
 */
@Module({})
export class AppModule {
  static async register(config: AppConfig, redis: RedisOptions, clock?: Clock): Promise<DynamicModule> {
    const api = config.runs('api');
    const worker = config.runs('worker');
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, redis, clock),
        HealthModule,
        ...(api ? (await import('./api-modules.js')).apiModules(config) : []),
        ...(config.runs('projector') ? await projectorModules() : []),
        ...(worker ? [(await import('@kenpo/payment-worker')).PaymentWorkerModule] : []),
        // The queue dashboard follows the API's port (the console links to it) wherever the worker runs; a part
        // (PROCESS_LAYOUT=part) has no port to mount it on.
        ...((api || worker) && config.values.PROCESS_LAYOUT !== 'part'
          ? [(await import('@kenpo/payment-worker')).QueueDashboardModule]
          : []),
        ...(api || worker
          ? [await (await import('./lifecycle/lifecycle.module.js')).LifecycleModule.register({ api, worker })]
          : []),
      ],
    };
  }
}

async function projectorModules(): Promise<Imports> {
  // One import after the other: Jest's ESM runtime fails concurrent imports that share a dependency.
  const { ProjectorModule } = await import('@kenpo/projector');
  const { ClaimsProjectionModule } = await import('./claims/views/claims-projection.module.js');
  // Not the package's index: that is the worker's, with BullMQ.
  const { PayoutViewsModule } = await import('@kenpo/payment-worker/payout-views');
  return [ProjectorModule, ClaimsProjectionModule, PayoutViewsModule];
}
