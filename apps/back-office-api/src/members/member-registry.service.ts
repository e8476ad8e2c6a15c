import { Injectable } from '@nestjs/common';
import { type Actor, ConflictError, eventIdFor, type EventMetadata } from '@kenpo/kernel';
import { EventStore, StreamNotFoundError, type StreamAppend } from '@kenpo/event-store';
import type { CommandContext } from '../commands/command-context.js';
import { MemberCommands } from './member-commands.service.js';

const ACTIVE = new Set(['active', 'voluntary-continuation']);
/** How far back a retried command looks for the allocation it already recorded. */
const RECENT = 50;

/**
 * Cross-member facts kept in their own small streams, so concurrent clerks cannot break them:
 * - `individual-number-<keyedHash>`: which member holds an Individual Number (found by keyed hash, never the number);
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
    context: CommandContext,
    now: Date,
  ): Promise<{ number: string; appends: StreamAppend[] }> {
    const claimStream = `individual-number-${keyedHash}`;
    const claim = await this.lastEvent(claimStream);
    const holder = claim?.data.memberId as string | undefined;
    if (holder && holder !== memberId) {
      const other = await this.members.load(holder);
      if (other && ACTIVE.has(other.state.status)) throw duplicateNumber();
    }
    const claimed = { type: 'IndividualNumberClaimed', data: { memberId }, metadata: this.metadata(context, now, 1) };
    const allocation = await this.planAllocation(symbol, memberId, context, now);
    return {
      number: allocation.number,
      appends: [
        // Already recorded by this very command (a store without multi-stream transactions): not written twice.
        ...(claim?.metadata.eventId === claimed.metadata.eventId
          ? []
          : [
              {
                streamId: claimStream,
                expectedRevision: claim ? claim.revision : ('no_stream' as const),
                events: [claimed],
              },
            ]),
        ...allocation.appends,
      ],
    };
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

  private async lastEvent(streamId: string) {
    try {
      return (await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0] ?? null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
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

function duplicateNumber(): ConflictError {
  return new ConflictError(
    'individual_number_already_enrolled',
    'an active member with the same Individual Number already exists',
    [
      {
        field: 'individualNumber',
        rule: 'unique_active_member',
        message: 'belongs to an active member of the society',
      },
    ],
  );
}
