import { v5 as uuidv5 } from 'uuid';
import type { Actor, CommandMetadata, RecordedEvent } from '@kenpo/kernel';
import type { ClaimApprovalEvent } from '@kenpo/benefits';
import type {
  BankResultsRecorded,
  PayoutAccount,
  ReleasePayout,
  ReturnPayout,
  SchedulePayout,
  SettlePayout,
} from '@kenpo/payouts';

export const REACTOR_ACTOR: Actor = { id: 'payout-reactor', role: 'system' };
export const REACTOR_CHECKPOINT = 'payout-reactor';
const REACTOR_NAMESPACE = '3b0f6a52-94c1-4d8e-a7f2-5c9e1d2b8a61';

/** A command id derived from the event it reacts to: a re-delivered event re-sends the same command (a no-op). */
export function reactionCommandId(...parts: string[]): string {
  return uuidv5(parts.join(':'), REACTOR_NAMESPACE);
}

function metadataFor(cause: RecordedEvent, commandId: string, now: string): CommandMetadata {
  return {
    commandId,
    correlationId: cause.metadata.correlationId,
    causationId: cause.metadata.eventId,
    actor: REACTOR_ACTOR,
    now,
  };
}

/**
 * An approved claim (by a person or by rule) → one payout on `payout-<claimId>` (architecture.md 6), due on the
 * approval date; paid into the member's 公金受取口座 when the claim opted in (domain.md 7), else the claim's account.
 */
export function schedulePayoutFor(approval: RecordedEvent<ClaimApprovalEvent>, now: string): SchedulePayout {
  const { claimId, memberId, amount, payment, approvedOn } = approval.data;
  let claimAccount: PayoutAccount | undefined;
  if (payment.method === 'account') {
    const { bankCode, branchCode, accountType, accountNumber, holderName, holderNameZengin } = payment.account;
    claimAccount = { bankCode, branchCode, accountType, accountNumber, holderName: holderNameZengin || holderName };
  }
  return {
    type: 'SchedulePayout',
    metadata: metadataFor(approval, reactionCommandId('schedule', approval.metadata.eventId), now),
    data: {
      claimId,
      memberId,
      amount,
      accountSource: payment.method === 'public-funds' ? 'public-funds' : 'claim',
      dueDate: approvedOn,
      ...(claimAccount ? { claimAccount } : {}),
    },
  };
}

/** A held payout released because its member's account now resolves (registered, changed, or found on re-check). */
export function releasePayoutFor(
  cause: RecordedEvent,
  payoutId: string,
  on: string,
  detail: string,
  now: string,
): ReleasePayout {
  return {
    type: 'ReleasePayout',
    metadata: metadataFor(cause, reactionCommandId('release', cause.metadata.eventId, payoutId), now),
    data: { detail, on },
  };
}

/** Bank results recorded on a transfer batch → each payout settled, or returned (and held) with the bank's code. */
export function bankResultCommands(
  recorded: RecordedEvent<BankResultsRecorded>,
  now: string,
): { payoutId: string; command: SettlePayout | ReturnPayout }[] {
  const { runId, receivedOn, results } = recorded.data;
  return results.map((result) => {
    const metadata = metadataFor(
      recorded,
      reactionCommandId('bank-result', recorded.metadata.eventId, result.payoutId),
      now,
    );
    const command: SettlePayout | ReturnPayout =
      result.outcome === 'accepted'
        ? { type: 'SettlePayout', metadata, data: { runId, settledOn: receivedOn } }
        : {
            type: 'ReturnPayout',
            metadata,
            data: { runId, reasonCode: result.reasonCode ?? '', returnedOn: receivedOn },
          };
    return { payoutId: result.payoutId, command };
  });
}
