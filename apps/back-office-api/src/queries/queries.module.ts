import { Module, type OnModuleInit } from '@nestjs/common';
import { DocumentStore, PROJECTIONS } from '@kenpo/read-models';
import { EligibilityController } from './eligibility.controller.js';
import { EligibilityLookup } from './eligibility.service.js';
import { MemberSearchController } from './member-search.controller.js';
import { RebuildsController } from './rebuilds.controller.js';
import { RebuildsService } from './rebuilds.service.js';

/** Read side of the API: search, eligibility verification, and read-model rebuilds (admin). */
@Module({
  controllers: [MemberSearchController, EligibilityController, RebuildsController],
  providers: [RebuildsService, EligibilityLookup],
})
export class QueriesModule implements OnModuleInit {
  constructor(private readonly documents: DocumentStore) {}

  /** The API may run without the projector (PROCESS_ROLES=api): the collections must exist before the first read. */
  async onModuleInit(): Promise<void> {
    for (const projection of PROJECTIONS) await this.documents.declare(projection.collection);
  }
}
