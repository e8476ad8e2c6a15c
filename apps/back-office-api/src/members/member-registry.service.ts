import { Injectable } from '@nestjs/common';
import { type Actor, eventIdFor, type EventMetadata } from '@kenpo/kernel';
import { EventStore, StreamNotFoundError, type StreamAppend } from '@kenpo/event-store';
import type { CommandContext } from '../commands/command-context.js';
import { INSURED } from '@kenpo/membership';
import {
  coverageConflict,
  coveredElsewhere,
  numberClaimStream,
  readClaims,
  type NumberClaim,
} from './coverage-claims.js';
import { MemberCommands } from './member-commands.service.js';

/** How far back a retried command looks for the allocation it already recorded. */
const RECENT = 50;

/**
 * Cross-member facts kept in their own small streams, so concurrent clerks cannot break them:
 * - `individual-number-<keyedHash>`: the memberships that claimed an Individual Number (as insured or dependant), found
 *   by keyed hash, never the number: one coverage per person;
 * - `insured-numbers-<symbol>`: the 番号 allocated within a 記号, in order.
 */
@Injectable()
export class MemberRegistry {
  constructor(
    private readonly store: EventStore,
    private readonly members: MemberCommands,
  ) {}

  /**
   * The appends that claim the number for `memberId` and allocate the next 番号, to be written in one transaction with
   * the enrollment itself (EventStore.appendMany): a lost race surfaces as WrongExpectedRevisionError and the caller
   * plans again. 409 when an active member other than `memberId` holds the number.
   */
  async planEnrollment(
    keyedHash: string,
    symbol: string,
    memberId: string,
    acquisitionDate: string,
    context: CommandContext,
    now: Date,
  ): Promise<{ number: string; appends: StreamAppend[] }> {
    const claim = await this.planNumberClaim(
      keyedHash,
      { memberId, personId: INSURED },
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
   * with the member's events at the revision read, so of concurrent conflicting claims exactly one succeeds.
   */
  async planNumberClaim(
    keyedHash: string,
    self: NumberClaim,
    from: string,
    context: CommandContext,
    now: Date,
    index: number,
  ): Promise<StreamAppend[]> {
    const { claims, revision, events } = await readClaims(this.store, keyedHash);
    const conflict = await coverageConflict(claims, this.members, self, from);
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
        streamId: numberClaimStream(keyedHash),
        expectedRevision: revision ?? 'no_stream',
        events: [claimed],
      },
    ];
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
  private async recentEvents(streamId: string) {
    try {
      return await this.store.readStream(streamId, { direction: 'backwards', maxCount: RECENT });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
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
