import { Injectable } from '@nestjs/common';
import { Clock, japanDateOf, NotFoundError } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import { recoveriesProjection, type RecoveryView } from '@kenpo/payment-worker';
import { outstandingOf, recoveryDecider, recoveryStreamId } from '@kenpo/payouts';
import { PagingCursors } from '@kenpo/platform';
import { DocumentStore, withoutStorageFields } from '@kenpo/read-models';
import { ClaimCommands } from '../claims/claim-commands.service.js';
import { type CommandContext, metadataOf, newAggregateId } from '../commands/command-context.js';
import { listPage } from '../http/http-shape.js';
import type { RecoveriesQueryDto, RecoveryDto, RepaymentDto } from './payout.dto.js';

const notFound = () =>
  new NotFoundError('recovery_not_found', 'no recovery with this id', [
    { field: 'recoveryId', rule: 'exists', message: 'no recovery with this id' },
  ]);

/**
 * 返納金 (issue 13.6): recorded on the claim found wrong (ClaimRecoveryRecorded: amount, reason, actor), then tracked on
 * `recovery-<id>` by the payment worker, which keeps it back from later payouts to the same payee, until repaid.
 */
@Injectable()
export class Recoveries {
  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly claims: ClaimCommands,
    private readonly cursors: PagingCursors,
    private readonly clock: Clock,
  ) {}

  async record(claimId: string, dto: RecoveryDto, ctx: CommandContext) {
    const recoveryId = newAggregateId(ctx, 'recovery');
    const { amount, reason, detail = '' } = dto;
    const command = this.claims.command(
      'RecordClaimRecovery',
      { claimId, recoveryId, amount, reason, detail },
      ctx,
      reason,
    );
    const answer = await this.claims.execute(claimId, command, ctx);
    return { recoveryId, claimId, amount, revision: answer.revision, position: answer.position, events: answer.events };
  }

  async list(query: RecoveriesQueryDto) {
    const { status, memberId, claimId, limit, cursor } = query;
    const page = await this.documents.find<RecoveryView>(recoveriesProjection.collection.name, {
      where: { status, memberId, claimId },
      sort: { field: 'recordedOn' },
      limit,
      cursor: this.cursors.open('recoveries', cursor),
    });
    return listPage(page.items.map(withoutStorageFields), this.cursors.seal('recoveries', page.nextCursor));
  }

  async get(recoveryId: string): Promise<RecoveryView> {
    const view = await this.documents.get<RecoveryView>(recoveriesProjection.collection.name, recoveryId);
    if (!view) throw notFound();
    return withoutStorageFields(view);
  }

  async repay(recoveryId: string, dto: RepaymentDto, ctx: CommandContext) {
    const streamId = recoveryStreamId(recoveryId);
    if ((await this.events.readStreamOrEmpty(streamId)).length === 0) throw notFound();
    const now = this.clock.now();
    const outcome = await handleCommand(
      this.events,
      streamId,
      recoveryDecider,
      {
        type: 'RecordRecoveryRepayment',
        metadata: metadataOf(ctx, now),
        data: { amount: dto.amount, receivedOn: dto.receivedOn ?? japanDateOf(now), note: dto.note ?? '' },
      },
      ctx.expectedRevision === undefined ? {} : { expectedRevision: ctx.expectedRevision },
    );
    return {
      recoveryId,
      revision: outcome.nextExpectedRevision,
      position: outcome.position,
      events: outcome.events.map((e) => e.type),
      outstanding: outstandingOf(outcome.state),
    };
  }
}
