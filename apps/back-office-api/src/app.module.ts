import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Clock } from '@kenpo/kernel';
import { type AppConfig, HealthModule, InfrastructureModule, type RedisOptions } from '@kenpo/platform';
import { ProjectorModule } from '@kenpo/projector';
import { PaymentWorkerModule, PayoutViewsModule, QueueDashboardModule } from '@kenpo/payment-worker';
import { MembersModule } from './members/members.module.js';
import { ClaimsModule } from './claims/claims.module.js';
import { ClaimsProjectionModule } from './claims/views/claims-projection.module.js';
import { IndividualNumberModule } from './individual-number/individual-number.module.js';
import { ComplianceModule } from './compliance/compliance.module.js';
import { PayoutsModule } from './payouts/payouts.module.js';
import { QueriesModule } from './queries/queries.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { ConsoleModule } from './console/console.module.js';

/**
 * The back office in one module tree. PROCESS_ROLES picks the parts this process runs: the embedded default runs
 * the API, the projector and the payment worker, each in its own process (PROCESS_LAYOUT, main.ts); production runs
 * one role per container.
 */
@Module({})
export class AppModule {
  static register(config: AppConfig, redis: RedisOptions, clock?: Clock): DynamicModule {
    const api = config.runs('api')
      ? [
          CqrsModule.forRoot(),
          MembersModule,
          ClaimsModule,
          ComplianceModule,
          IndividualNumberModule,
          QueriesModule,
          PayoutsModule,
          ConsoleModule.register(config),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, redis, clock),
        HealthModule,
        ...api,
        ...(config.runs('projector') ? [ProjectorModule, ClaimsProjectionModule, PayoutViewsModule] : []),
        // The queue dashboard follows the API's port (the console links to it) wherever the worker runs.
        ...(config.runs('worker') ? [PaymentWorkerModule] : config.runs('api') ? [QueueDashboardModule] : []),
        ...(config.runs('api') || config.runs('worker')
          ? [LifecycleModule.register({ api: config.runs('api'), worker: config.runs('worker') })]
          : []),
      ],
    };
  }
}
