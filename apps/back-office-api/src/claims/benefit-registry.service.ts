import { Injectable } from '@nestjs/common';
import { eventIdFor, japanDateOf, type EventMetadata } from '@kenpo/kernel';
import { type Alongside, EventStore, type StreamAppend } from '@kenpo/event-store';
import {
  approvalDuplicates,
  approvalFacts,
  benefitRegistryStreamId,
  registeredEvents,
  registrationFor,
  type ClaimCommand,
  type ClaimState,
  type RegisteredEvent,
} from '@kenpo/benefits';

/**
 * The member's approved insured events (`benefit-registry-<memberId>`, architecture.md 11: invariants across streams
 * in small registry streams appended in the same transaction): an approval appends its entry with the registry's
 * expected revision, so two approvals of the same birth or the same days cannot both succeed (issue 13.5).
 */
@Injectable()
export class BenefitRegistry {
  constructor(private readonly store: EventStore) {}

  async registered(memberId: string): Promise<RegisteredEvent[]> {
    return registeredEvents(await this.store.readStreamOrEmpty(benefitRegistryStreamId(memberId)));
  }

  /** handleCommand's `alongside` for an approval: the facts for the decider and the registry append. */
  async planApproval(state: ClaimState, command: ClaimCommand): Promise<Alongside<ClaimCommand>> {
    if (command.type !== 'ApproveBenefitClaim' || state.status !== 'submitted' || !state.insuredEvent)
      return { command, appends: [] };
    const streamId = benefitRegistryStreamId(state.memberId!);
    const history = await this.store.readStreamOrEmpty(streamId);
    const registered = registeredEvents(history);
    const completed: ClaimCommand = { ...command, data: { ...command.data, registered } };
    // Refusals (duplicate, priority changed) are the decider's too; here they stop the plan before anything is written.
    const { earlierClaimIds } = approvalDuplicates(approvalFacts(state), registered, command.data.duplicateOverride);
    const metadata = this.metadata(command);
    if (history.some((e) => e.metadata.eventId === metadata.eventId)) return { command: completed, appends: [] };
    const override = command.data.duplicateOverride;
    const entry = registrationFor(
      { memberId: state.memberId!, claimId: state.claimId!, kind: state.kind!, insuredEvent: state.insuredEvent },
      japanDateOf(new Date(command.metadata.now)),
      override && earlierClaimIds.length > 0 ? { reason: override.reason.trim(), earlierClaimIds } : null,
    );
    const append: StreamAppend = {
      streamId,
      expectedRevision: history.at(-1)?.revision ?? 'no_stream',
      events: [{ ...entry, metadata }],
    };
    return { command: completed, appends: [append] };
  }

  private metadata(command: ClaimCommand): EventMetadata {
    const { commandId, correlationId, actor, now } = command.metadata;
    // An index past the claim stream's own events keeps the id distinct from the approval's.
    return {
      eventId: eventIdFor(commandId, 0x8000 + 1),
      commandId,
      correlationId,
      causationId: commandId,
      actor,
      recordedAt: now,
      schemaVersion: 1,
    };
  }
}
