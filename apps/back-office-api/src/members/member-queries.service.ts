import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { DocumentStore, MEMBER_SUMMARY, memberSummaryProjection, type MemberSummaryDoc } from '@kenpo/read-models';
import { awaitPosition } from '../queries/read-consistency.js';
import { IndividualNumberVault } from '@kenpo/security';
import { memberSummaryOf, type MemberSummaryView, numberRefsOf } from './member-summary.js';

/** Reads a member from the member_summary read model (issue 4). */
@Injectable()
export class MemberQueries implements OnModuleInit {
  constructor(
    private readonly documents: DocumentStore,
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly vault: IndividualNumberVault,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.documents.declare(memberSummaryProjection.collection);
  }

  /**
   * Read-your-writes: waits (at most 2 s) for the projector to reach `minPosition`, a command answer's position.
   * Without one it waits for everything committed before the request: the member screen is what a clerk opens right
   * after a change, and the wait costs one head lookup when the projector is caught up.
   */
  async summary(memberId: string, minPosition?: number): Promise<MemberSummaryView | null> {
    await awaitPosition(this.documents, this.events, memberSummaryProjection, minPosition ?? 'head');
    const doc = await this.documents.get<MemberSummaryDoc>(MEMBER_SUMMARY, memberId);
    return doc ? memberSummaryOf(doc, this.clock.today(), await this.vault.maskedNumbers(numberRefsOf(doc))) : null;
  }
}
