import { Injectable } from '@nestjs/common';
import { Clock, japanDateOf, NotFoundError } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import { payoutDecider, payoutStreamId } from '@kenpo/payouts';
import { BankDirectory } from '@kenpo/platform';
import { type CommandContext, metadataOf } from '../commands/command-context.js';
import type { PayoutAccountDto } from './payout.dto.js';

/**
 * A clerk gives the account of a held payout (issue 13.2): recorded on the payout's stream with the clerk and the
 * reason, which releases it for the next run. Only a held payout: a due one is paid to the account its claim fixed.
 */
@Injectable()
export class PayoutAccounts {
  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly banks: BankDirectory,
  ) {}

  async replace(payoutId: string, dto: PayoutAccountDto, ctx: CommandContext) {
    const streamId = payoutStreamId(payoutId);
    if ((await this.events.readStreamOrEmpty(streamId)).length === 0)
      throw new NotFoundError('payout_not_found', 'no payout with this id', [
        { field: 'payoutId', rule: 'exists', message: 'no payout with this id' },
      ]);
    this.banks.assertKnown(dto.bankCode, dto.branchCode);
    const now = this.clock.now();
    const { bankCode, branchCode, accountType, accountNumber, holderName, reason } = dto;
    const outcome = await handleCommand(
      this.events,
      streamId,
      payoutDecider,
      {
        type: 'ReplacePayoutAccount',
        metadata: metadataOf(ctx, now, reason),
        data: {
          account: { bankCode, branchCode, accountType, accountNumber, holderName },
          reason,
          on: japanDateOf(now),
        },
      },
      ctx.expectedRevision === undefined ? {} : { expectedRevision: ctx.expectedRevision },
    );
    return {
      payoutId,
      revision: outcome.nextExpectedRevision,
      position: outcome.position,
      events: outcome.events.map((e) => e.type),
      status: outcome.state.status,
    };
  }
}
