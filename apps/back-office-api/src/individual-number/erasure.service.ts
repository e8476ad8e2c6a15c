import { Injectable } from '@nestjs/common';
import { type Actor, Clock, eventIdFor, newId, NotFoundError, type RecordedEvent, RuleViolation } from '@kenpo/kernel';
import { EventStore, WrongExpectedRevisionError } from '@kenpo/event-store';
import type { MemberState } from '@kenpo/membership';
import { erasureStream, IndividualNumberVault, type IndividualNumbersErased } from '@kenpo/security';
import { MemberCommands } from '../members/member-commands.service.js';
import { personHolding } from '../members/member-registry.service.js';

const LEFTOVER_AFTER_MS = 5 * 60_000;

export type ErasureRecord = IndividualNumbersErased['data'] & { position: number };

/**
 * Crypto-shredding of a member's Individual Numbers (domain.md 9: delete once no longer needed, keep a deletion
 * record). The member's data key encrypts the insured's and every dependant's number, so destroying it makes every
 * ciphertext in the history unreadable while the events themselves, and everything built from them, stay as they
 * are. The record lives in `individual-number-erasure-<memberId>`, so the member decider needs no new event type.
 */
@Injectable()
export class IndividualNumberErasure {
  constructor(
    private readonly store: EventStore,
    private readonly members: MemberCommands,
    private readonly vault: IndividualNumberVault,
    private readonly clock: Clock,
  ) {}

  async record(memberId: string): Promise<ErasureRecord | null> {
    const [event] = await this.store.readStreamOrEmpty(erasureStream(memberId), { maxCount: 1 });
    return event ? recordOf(event) : null;
  }

  /** Erases once; a repeated request answers the first record (and finishes a key destruction a crash left undone). */
  async erase(
    memberId: string,
    reason: string,
    actor: Actor,
    correlationId?: string,
  ): Promise<{ record: ErasureRecord; created: boolean }> {
    const member = await this.members.load(memberId);
    if (!member || member.state.status === 'not-enrolled')
      throw new NotFoundError('member_not_found', 'no member with this id');
    const existing = await this.record(memberId);
    if (existing) {
      if (!(await this.vault.isDestroyed(memberId))) await this.destroy(memberId);
      return { record: existing, created: false };
    }
    this.assertEligibilityLost(member.state);

    const { destroyedAt } = await this.destroy(memberId);
    const now = this.clock.now().toISOString();
    const commandId = newId();
    const event: IndividualNumbersErased = {
      type: 'IndividualNumbersErased',
      data: {
        memberId,
        what: 'individual-numbers-of-member-and-dependants',
        persons: personsOf(member.state),
        method: 'data-key-destroyed',
        keyDestroyedAt: destroyedAt,
        erasedBy: actor,
        erasedAt: now,
        reason,
      },
    };
    try {
      await this.store.append(
        erasureStream(memberId),
        [
          {
            ...event,
            metadata: {
              eventId: eventIdFor(commandId, 0),
              commandId,
              correlationId: correlationId ?? commandId,
              causationId: commandId,
              actor,
              recordedAt: now,
              schemaVersion: 1,
              reason,
            },
          },
        ],
        'no_stream',
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return { record: (await this.record(memberId))!, created: false }; // a concurrent request recorded it first
    }
    return { record: (await this.record(memberId))!, created: true };
  }

  /**
   * Destroys the member's key and index entries, and first the entries of the same numbers that no recorded member
   * refers to (left by a command that crashed between the vault and the event store): they would otherwise keep a
   * keyed hash of an erased number. Entries younger than a few minutes may belong to a command still running.
   */
  private async destroy(memberId: string): Promise<{ destroyedAt: string }> {
    const settled = this.clock.now().getTime() - LEFTOVER_AFTER_MS;
    for (const holder of await this.vault.sharingNumbersWith(memberId)) {
      if (Date.parse(holder.createdAt) > settled) continue;
      const other = await this.members.load(holder.memberId);
      if (!other || personHolding(other.state, holder.ref) === null)
        await this.vault.forget(holder.memberId, holder.ref);
    }
    return this.vault.destroyKey(memberId);
  }

  /** Allowed only once the member (and so every dependant) has lost eligibility, on or before today. */
  private assertEligibilityLost(state: MemberState): void {
    const lossDate = state.voluntaryContinuation?.end?.lossDate ?? state.loss?.lossDate;
    if (state.status !== 'lost' || !lossDate) {
      throw RuleViolation.of(
        'memberId',
        'eligibility_lost',
        'Individual Numbers may be erased only after the member has lost eligibility (domain.md 9, retention)',
      );
    }
    if (lossDate > this.clock.today()) {
      throw RuleViolation.of(
        'memberId',
        'loss_date_reached',
        'the loss of eligibility takes effect later; erase on or after the loss date',
      );
    }
  }
}

function personsOf(state: MemberState): IndividualNumbersErased['data']['persons'] {
  return [
    ...(state.insured ? [{ personId: state.insured.personId, kind: 'insured' as const }] : []),
    ...state.dependants.map((d) => ({ personId: d.dependantId, kind: 'dependant' as const })),
  ];
}

function recordOf(event: RecordedEvent): ErasureRecord {
  return { ...(event.data as IndividualNumbersErased['data']), position: event.position };
}
