import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, DomainError, type RecordedEvent } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import type { ClaimApprovalEvent, ClaimRecoveryRecorded } from '@kenpo/benefits';
import {
  type BankResultsRecorded,
  PAYOUT_SCHEDULE_STREAM,
  type PayoutScheduleEvent,
  payoutDecider,
  type PayoutCommand,
  type SchedulePayout,
  payoutStreamId,
  recoveryDecider,
  recoveryStreamId,
} from '@kenpo/payouts';
import { DocumentStore } from '@kenpo/read-models';
import { PayoutScheduleApplier } from '../queue/payout-schedule.applier.js';
import { BatchingSubscription } from '../subscription/batching-subscription.js';
import { bankResultCommands, openRecoveryFor, REACTOR_CHECKPOINT, schedulePayoutFor } from './reactions.js';

/** The types react() handles: the store skips reading the rest (most of the log: members' events). */
const REACTS_TO = [
  'BenefitClaimApproved',
  'BenefitClaimApprovedByRule',
  'ClaimRecoveryRecorded',
  'PayoutScheduleSet',
  'PayoutSchedulePaused',
  'PayoutScheduleResumed',
  'BankResultsRecorded',
] as const satisfies readonly (
  ClaimApprovalEvent | ClaimRecoveryRecorded | PayoutScheduleEvent | BankResultsRecorded
)['type'][];

/**
 * The payout reactor (architecture.md 6): from the ordered log, checkpointed like a projection. Approved claims
 * schedule payouts to the account they fixed at application; a recovery recorded on a claim opens its ledger; bank results recorded on a transfer batch settle or
 * return its payouts; a recorded schedule change is applied to the queue. A later change of the member's account
 * never reaches a scheduled payout (issue 13.2): a held one is released by a clerk giving its account.
 */
@Injectable()
export class PayoutReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PayoutReactor');
  private readonly subscription: BatchingSubscription;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    private readonly schedule: PayoutScheduleApplier,
  ) {
    this.subscription = new BatchingSubscription(events, {
      name: 'PayoutReactor',
      checkpoint: () => documents.getCheckpoint(REACTOR_CHECKPOINT),
      handle: (batch) => this.react(batch),
      types: REACTS_TO,
      maxBatch: 200,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscription.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription.close();
  }

  private async react(batch: RecordedEvent[]): Promise<void> {
    let approvals: SchedulePayout[] = [];
    for (const event of batch) {
      if (isApproval(event)) {
        approvals.push(schedulePayoutFor(event as RecordedEvent<ClaimApprovalEvent>, this.now()));
        continue;
      }
      await this.scheduleAll(approvals);
      approvals = [];
      if (event.streamId.startsWith('claim-') && event.type === 'ClaimRecoveryRecorded') {
        const command = openRecoveryFor(event as RecordedEvent<ClaimRecoveryRecorded>, this.now());
        await handleCommand(this.events, recoveryStreamId(command.data.recoveryId), recoveryDecider, command);
      } else if (event.streamId === PAYOUT_SCHEDULE_STREAM) {
        await this.schedule.apply();
      } else if (event.streamId.startsWith('transfer-batch-') && event.type === 'BankResultsRecorded') {
        for (const { payoutId, command } of bankResultCommands(event as RecordedEvent<BankResultsRecorded>, this.now()))
          await this.send(payoutId, command);
      }
    }
    await this.scheduleAll(approvals);
    await this.documents.setCheckpoint(REACTOR_CHECKPOINT, batch.at(-1)!.position);
  }

  /**
   * Consecutive approvals schedule their payouts together: one payout stream each, so they are sent at once and the
   * store commits them as one group (one sync to disk instead of one per payout); a claim's own approvals stay in
   * order.
   */
  private async scheduleAll(commands: readonly SchedulePayout[]): Promise<void> {
    const byPayout = new Map<string, SchedulePayout[]>();
    for (const command of commands) {
      byPayout.set(command.data.claimId, [...(byPayout.get(command.data.claimId) ?? []), command]);
    }
    await Promise.all(
      [...byPayout].map(async ([payoutId, inOrder]) => {
        for (const command of inOrder) await this.send(payoutId, command);
      }),
    );
  }

  /** A refused command (e.g. an amount outside the Zengin range) is logged and skipped: it must not stop the reactor. */
  private async send(payoutId: string, command: PayoutCommand): Promise<void> {
    try {
      await handleCommand(this.events, payoutStreamId(payoutId), payoutDecider, command);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.error(
        `${command.type} refused for payout ${payoutId}: ${error.code} (${error.violations.map((v) => `${v.field} ${v.rule}`).join(', ')})`,
      );
    }
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function isApproval(event: RecordedEvent): boolean {
  return (
    event.streamId.startsWith('claim-') &&
    (event.type === 'BenefitClaimApproved' || event.type === 'BenefitClaimApprovedByRule')
  );
}
