import type { DynamicModule, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '@kenpo/platform';
import { MembersModule } from './members/members.module.js';
import { ClaimsModule } from './claims/claims.module.js';
import { IndividualNumberModule } from './individual-number/individual-number.module.js';
import { ComplianceModule } from './compliance/compliance.module.js';
import { PayoutsModule } from './payouts/payouts.module.js';
import { QueriesModule } from './queries/queries.module.js';
import { ConsoleModule } from './console/console.module.js';

/** The API role's modules, loaded by AppModule only in a process that runs the API. */
export function apiModules(config: AppConfig): (Type | DynamicModule)[] {
  return [
    CqrsModule.forRoot(),
    MembersModule,
    ClaimsModule,
    ComplianceModule,
    IndividualNumberModule,
    QueriesModule,
    PayoutsModule,
    ConsoleModule.register(config),
  ];
}
