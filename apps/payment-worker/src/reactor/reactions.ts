import { v5 as uuidv5 } from 'uuid';
import type { Actor, CommandMetadata, RecordedEvent } from '@kenpo/kernel';
import { type ClaimApprovalEvent, type ClaimRecoveryRecorded, payeeKey, payToOf } from '@kenpo/benefits';
import type {
  BankResultsRecorded,
  OpenRecovery,
  PayoutAccount,
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

/** A pending claim's reason whose payout could only have used the 公金受取口座 (see resolvePayoutAccount). */
const PUBLIC_FUNDS_PENDING = new Set(['public_funds_account_missing', 'payee_deceased']);

/**
 * An approved claim (by a person or by rule) → one payout on `payout-<claimId>` (architecture.md 6), due on the
 * approval date, to the payee and the account the claim fixed at application (issue 13.2, 13.3): exactly that
 * account; a pending claim's payout is held with its reason; a claim recorded before accounts were fixed, which
 * opted into public funds, is paid to the 公金受取口座 registered at its submission (resolved when a run plans).
 */
export function schedulePayoutFor(approval: RecordedEvent<ClaimApprovalEvent>, now: string): SchedulePayout {
  const { claimId, memberId, amount, approvedOn } = approval.data;
  const payTo = payToOf(approval.data);
  const base = {
    claimId,
    memberId,
    amount,
    dueDate: approvedOn,
    payee: { ...payTo.payee },
    payeeKey: payeeKey(memberId, payTo.payee),
  };
  const metadata = metadataFor(approval, reactionCommandId('schedule', approval.metadata.eventId), now);
  switch (payTo.status) {
    case 'fixed': {
      const { bankCode, branchCode, accountType, accountNumber, holderName, holderNameZengin } = payTo.account;
      const account: PayoutAccount = {
        bankCode,
        branchCode,
        accountType,
        accountNumber,
        holderName: holderNameZengin || holderName,
      };
      return { type: 'SchedulePayout', metadata, data: { ...base, accountSource: payTo.source, account } };
    }
    case 'pending': {
      const accountSource = PUBLIC_FUNDS_PENDING.has(payTo.reason) ? 'public-funds' : 'claim';
      const pending = { reason: payTo.reason, detail: payTo.detail };
      return { type: 'SchedulePayout', metadata, data: { ...base, accountSource, pending } };
    }
    case 'unrecorded':
      return { type: 'SchedulePayout', metadata, data: { ...base, accountSource: 'public-funds' } };
  }
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

/** A recovery recorded on a claim (返納金, issue 13.6) opens its ledger, `recovery-<recoveryId>`, owed by the claim's payee. */
export function openRecoveryFor(recorded: RecordedEvent<ClaimRecoveryRecorded>, now: string): OpenRecovery {
  const { recoveryId, claimId, memberId, payee, amount, reason, detail, recordedBy, recordedOn } = recorded.data;
  return {
    type: 'OpenRecovery',
    metadata: metadataFor(recorded, reactionCommandId('recovery', recorded.metadata.eventId), now),
    data: {
      recoveryId,
      claimId,
      memberId,
      payee: { ...payee },
      payeeKey: payeeKey(memberId, payee),
      amount,
      reason,
      detail,
      recordedBy,
      recordedOn,
    },
  };
}
