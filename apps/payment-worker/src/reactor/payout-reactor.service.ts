import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, DomainError, japanDateOf, type RecordedEvent } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import type { ClaimApprovalEvent } from '@kenpo/benefits';
import type { PublicFundsAccountRegistered } from '@kenpo/membership';
import {
  type BankResultsRecorded,
  PAYOUT_SCHEDULE_STREAM,
  payoutDecider,
  type PayoutCommand,
  type PayoutHeld,
  payoutStreamId,
  resolvePayoutAccount,
} from '@kenpo/payouts';
import { DocumentStore } from '@kenpo/read-models';
import { PayoutScheduleApplier } from '../queue/payout-schedule.applier.js';
import { memberAccountAt, payoutStateAt } from '../run/snapshot.js';
import { BatchingSubscription } from '../subscription/batching-subscription.js';
import type { PayoutView } from '../views/payouts.projection.js';
import { payoutsProjection } from '../views/payouts.projection.js';
import { PayoutViews } from '../views/payout-views.service.js';
import { bankResultCommands, REACTOR_CHECKPOINT, releasePayoutFor, schedulePayoutFor } from './reactions.js';

const VIEW_WAIT_MS = 15_000;

/**
 * The payout reactor (architecture.md 6): from the ordered log, checkpointed like a projection. Approved claims
 * schedule payouts; a registered or changed 公金受取口座 releases the member's held public-funds payouts; bank results
 * recorded on a transfer batch settle or return its payouts; a recorded schedule change is applied to the queue.
 */
@Injectable()
export class PayoutReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PayoutReactor');
  private readonly subscription: BatchingSubscription;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly views: PayoutViews,
    private readonly clock: Clock,
    private readonly schedule: PayoutScheduleApplier,
  ) {
    this.subscription = new BatchingSubscription(events, {
      name: 'PayoutReactor',
      checkpoint: () => documents.getCheckpoint(REACTOR_CHECKPOINT),
      handle: (batch) => this.react(batch),
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
    for (const event of batch) {
      if (
        event.streamId.startsWith('claim-') &&
        (event.type === 'BenefitClaimApproved' || event.type === 'BenefitClaimApprovedByRule')
      ) {
        const command = schedulePayoutFor(event as RecordedEvent<ClaimApprovalEvent>, this.now());
        await this.send(command.data.claimId, command);
      } else if (
        event.streamId.startsWith('member-') &&
        (event.type === 'PublicFundsAccountRegistered' || event.type === 'PublicFundsAccountChanged')
      ) {
        await this.releaseHeldPayoutsOf(event as RecordedEvent<PublicFundsAccountRegistered>);
      } else if (event.streamId.startsWith('payout-') && event.type === 'PayoutHeld') {
        await this.recheckHold(event as RecordedEvent<PayoutHeld>);
      } else if (event.streamId === PAYOUT_SCHEDULE_STREAM) {
        await this.schedule.apply();
      } else if (event.streamId.startsWith('transfer-batch-') && event.type === 'BankResultsRecorded') {
        for (const { payoutId, command } of bankResultCommands(event as RecordedEvent<BankResultsRecorded>, this.now()))
          await this.send(payoutId, command);
      }
    }
    await this.documents.setCheckpoint(REACTOR_CHECKPOINT, batch.at(-1)!.position);
  }

  private async releaseHeldPayoutsOf(event: RecordedEvent<PublicFundsAccountRegistered>): Promise<void> {
    // The payouts view must have seen every hold before this event, or a hold recorded just before would be missed.
    if (!(await this.views.waitFor(event.position, VIEW_WAIT_MS)))
      throw new Error('payouts view is behind the reactor');
    const memberId = event.streamId.slice('member-'.length);
    for (let cursor: string | undefined, more = true; more;) {
      const page = await this.documents.find<PayoutView>(payoutsProjection.collection.name, {
        where: { memberId, status: 'held' },
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const payout of page.items) {
        // A claim-account payout does not use the member's account: releasing it would pay the same account again.
        if (payout.accountSource !== 'public-funds') continue;
        await this.send(
          payout.payoutId,
          releasePayoutFor(
            event,
            payout.payoutId,
            event.data.effectiveOn,
            'public-funds account registered or changed',
            this.now(),
          ),
        );
      }
      cursor = page.nextCursor;
      more = cursor !== undefined;
    }
  }

  /**
   * A run may hold a payout for want of an account from a snapshot taken just before the member registered one;
   * the registration then found nothing to release. Re-check such holds against the member's current account.
   */
  private async recheckHold(event: RecordedEvent<PayoutHeld>): Promise<void> {
    if (event.data.reason === 'returned') return;
    const head = await this.events.headPosition();
    const payout = await payoutStateAt(this.events, event.data.payoutId, head);
    if (payout.status !== 'held' || payout.accountSource !== 'public-funds') return;
    const resolved = resolvePayoutAccount(payout, await memberAccountAt(this.events, payout.memberId, head));
    if (resolved.kind === 'account' && resolved.source === 'public-funds') {
      await this.send(
        payout.payoutId,
        releasePayoutFor(
          event,
          payout.payoutId,
          japanDateOf(this.clock.now()),
          'public-funds account registered meanwhile',
          this.now(),
        ),
      );
    }
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
