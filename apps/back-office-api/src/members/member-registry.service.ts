import { Injectable } from '@nestjs/common';
import { type Actor, eventIdFor, type EventMetadata } from '@kenpo/kernel';
import { EventStore, type StreamAppend } from '@kenpo/event-store';
import { INSURED, type MemberState } from '@kenpo/membership';
import { IndividualNumberVault } from '@kenpo/security';
import type { CommandContext } from '../commands/command-context.js';
import {
  coverageConflict,
  coveredElsewhere,
  numberClaimStream,
  readClaims,
  type NumberClaim,
} from './coverage-claims.js';
import { MemberCommands } from './member-commands.service.js';

/**
 * How far back a retried command looks for the allocation it already recorded, on a store that may have left it
 * alone (EventStoreDB: appendMany writes stream by stream). Where appendMany is one transaction, an allocation exists
 * only with the rest of its command, and a command already recorded is answered before it plans (handleCommand, the
 * enrollment's member check): the newest allocation is all it needs (profile: reading 50 was 6 % of the API's time).
 */
const RECENT = 50;

/**
 * Cross-member facts kept in their own small streams, so concurrent clerks cannot break them:
 * - `individual-number-<registryId>`: the memberships that claimed an Individual Number (as insured or dependant):
 *   one coverage per person. The registry id is the vault's random id for the number, found through the vault's
 *   keyed-hash index; nothing in the name or the events derives from the number;
 * - `insured-numbers-<symbol>`: the 番号 allocated within a 記号, in order.
 */
@Injectable()
export class MemberRegistry {
  constructor(
    private readonly store: EventStore,
    private readonly members: MemberCommands,
    private readonly vault: IndividualNumberVault,
  ) {}

  /**
   * The appends that claim the number for `memberId` and allocate the next 番号, to be written in one transaction with
   * the enrollment itself (EventStore.appendMany): a lost race surfaces as WrongExpectedRevisionError and the caller
   * plans again. 409 when an active member other than `memberId` holds the number.
   */
  async planEnrollment(
    registryId: string,
    symbol: string,
    memberId: string,
    acquisitionDate: string,
    context: CommandContext,
    now: Date,
  ): Promise<{ number: string; appends: StreamAppend[] }> {
    const claim = await this.planNumberClaim(
      registryId,
      { memberId, personId: INSURED },
      null,
      acquisitionDate,
      context,
      now,
      1,
    );
    const allocation = await this.planAllocation(symbol, memberId, context, now);
    return { number: allocation.number, appends: [...claim, ...allocation.appends] };
  }

  /**
   * The append that records `self` among the memberships of an Individual Number, after checking that no other one
   * covers it on `from` or later (409 naming that member and its loss date, issue 12.3). Written in one transaction
   * with the member's events at the revision read, so of concurrent conflicting claims exactly one succeeds: the
   * revision is read before anything else. Besides the stream's claims, the vault's holders count (numbers recorded
   * before registry streams were named by registry id have no claim there). `selfState`: the state of self's member
   * the command decides on (null: not recorded yet), which is not read again.
   */
  async planNumberClaim(
    registryId: string,
    self: NumberClaim,
    selfState: MemberState | null,
    from: string,
    context: CommandContext,
    now: Date,
    index: number,
  ): Promise<StreamAppend[]> {
    const { claims, revision, events } = await readClaims(this.store, registryId);
    const indexed = await this.holdersOf(registryId, { memberId: self.memberId, state: selfState });
    const conflict = await coverageConflict([...claims, ...indexed], this.members, self, from, now);
    if (conflict) throw coveredElsewhere(conflict);
    const claimed = {
      type: 'IndividualNumberClaimed',
      data: { ...self },
      metadata: this.metadata(context, now, index),
    };
    // Already recorded by this very command (a store without multi-stream transactions): not written twice.
    if (events.some((e) => e.metadata.eventId === claimed.metadata.eventId)) return [];
    return [
      {
        streamId: numberClaimStream(registryId),
        expectedRevision: revision ?? 'no_stream',
        events: [claimed],
      },
    ];
  }

  /**
   * Which recorded persons hold the number with this registry id, in any member (insured or dependant, covered or
   * not), by the vault's index. Entries of commands that were not recorded (refused, crashed, still running) are left
   * out. `vault.registryIdOf(clearNumber)` finds the registry id of a number. `known`: a member whose state the caller
   * already has.
   */
  async holdersOf(registryId: string, known?: { memberId: string; state: MemberState | null }): Promise<NumberClaim[]> {
    const holdings: NumberClaim[] = [];
    for (const holder of await this.vault.holdersOf(registryId)) {
      const state =
        holder.memberId === known?.memberId ? known.state : ((await this.members.load(holder.memberId))?.state ?? null);
      const personId = state ? personHolding(state, holder.ref) : null;
      if (personId) holdings.push({ memberId: holder.memberId, personId });
    }
    return holdings;
  }

  /**
   * The append that allocates the next 番号 within a 記号 (1, 2, 3...) to `memberId`, to be written in one transaction
   * with the command's own events (handleCommand's `alongside`): a lost race surfaces as WrongExpectedRevisionError and
   * the command is planned again. An allocation this command already recorded (left by a store without multi-stream
   * transactions, see EventStore.appendMany) is reused, so a retry completes the command with the same number.
   */
  async planAllocation(
    symbol: string,
    memberId: string,
    context: CommandContext,
    now: Date,
  ): Promise<{ number: string; appends: StreamAppend[] }> {
    const streamId = `insured-numbers-${symbol}`;
    const metadata = this.metadata(context, now, 2);
    const recent = await this.recentEvents(streamId);
    const own = recent.find((e) => e.metadata.eventId === metadata.eventId);
    if (own) return { number: (own.data as { number: string }).number, appends: [] };
    const last = recent[0];
    const number = String(last ? last.revision + 2 : 1);
    return {
      number,
      appends: [
        {
          streamId,
          expectedRevision: last ? last.revision : 'no_stream',
          events: [{ type: 'InsuredNumberAllocated', data: { symbol, number, memberId }, metadata }],
        },
      ],
    };
  }

  /** The newest events of a registry stream, newest first (enough to find a retried command's own allocation). */
  private recentEvents(streamId: string) {
    const maxCount = this.store.appendsManyAtomically ? 1 : RECENT;
    return this.store.readStreamOrEmpty(streamId, { direction: 'backwards', maxCount });
  }

  private metadata(context: CommandContext, now: Date, index: number): EventMetadata {
    const actor: Actor = context.actor;
    // Indexes past the member stream's own events (0, 1, ...) keep these ids distinct from the command's other events.
    return {
      eventId: eventIdFor(context.commandId, 0x8000 + index),
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.commandId,
      actor,
      recordedAt: now.toISOString(),
      schemaVersion: 1,
    };
  }
}

/** The person of the member whose recorded number carries `ref` (the latest such person), or null. */
export function personHolding(state: MemberState, ref: string): string | null {
  const persons = [...(state.insured ? [state.insured] : []), ...state.dependants];
  return persons.findLast((p) => p.individualNumber.ref === ref)?.personId ?? null;
}
