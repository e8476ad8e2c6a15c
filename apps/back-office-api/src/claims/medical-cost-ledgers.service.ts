import { Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { newId, type CommandMetadata, type RecordedEvent } from '@kenpo/kernel';
import { baseMetadata, EventStore, foldRecorded, type StreamAppend } from '@kenpo/event-store';
import {
  claimStreamId,
  foldLedger,
  medicalCostLedgerStreamId,
  reevaluate,
  REEVALUATION_REASON,
  settle,
  type AutomaticBenefitClaim,
  type ClaimCommand,
  type LedgerState,
  type MedicalCostRecord,
  type MedicalCostsRecorded,
  type SocietySettings,
} from '@kenpo/benefits';
import type { MemberState } from '@kenpo/membership';
import { ClaimCommands } from './claim-commands.service.js';
import { insuredDeathDate } from './claim-facts.js';
import { householdContext } from './household-context.js';

/** Automatic benefits get the claim id UUIDv5(key): the same record in any later batch lands on the same claim. */
const AUTOMATIC_CLAIM_NAMESPACE = 'a3f0c9de-5b7e-4f1a-8d2c-6e9b1f4a7c03';
export const automaticClaimId = (key: string): string => uuidv5(key, AUTOMATIC_CLAIM_NAMESPACE);

export interface MemberPlan {
  memberId: string;
  /** The batch's month as derived now, for the answer. */
  monthBenefits: AutomaticBenefitClaim[];
}

export interface LedgerPlan {
  members: MemberPlan[];
  /** One claim command per claim stream, with what it does for the answer. */
  commands: { claimId: string; command: ClaimCommand; key: string | null; adjusts: string | null }[];
  /** The ledgers' appends, with the revisions planned from: written in the same transaction as the claims. */
  ledgers: StreamAppend[];
}

export interface LedgerPlanInput {
  month: string;
  records: readonly MedicalCostRecord[];
  states: ReadonlyMap<string, MemberState | null>;
  /** Per member, months with approved 高額療養費 recorded before the ledger existed (from the claims view). */
  priorHighCostMonths: ReadonlyMap<string, string[]>;
  metadata: CommandMetadata;
  settings: SocietySettings;
}

/**
 * Plans a batch of medical cost records against each member's ledger (`medical-costs-<memberId>`): new receipts,
 * the benefits they make due and, for a late-recorded earlier month, the differences in later months as additional
 * claims, 返納金 on approved claims, or withdrawals of claims still awaiting approval (issue 13.1).
 */
@Injectable()
export class MedicalCostLedgers {
  constructor(
    private readonly store: EventStore,
    private readonly claims: ClaimCommands,
  ) {}

  async plan(input: LedgerPlanInput): Promise<LedgerPlan> {
    const out: LedgerPlan = { members: [], commands: [], ledgers: [] };
    const memberIds = [...new Set(input.records.map((r) => r.memberId))].sort();
    for (const memberId of memberIds) {
      const state = input.states.get(memberId)!;
      const history = await this.store.readStreamOrEmpty(medicalCostLedgerStreamId(memberId));
      const ledger = foldLedger(history);
      const own = input.records.flatMap((r, i) => (r.memberId === memberId ? [{ r, i }] : []));
      const { receipts, dues, monthBenefits } = reevaluate(
        ledger,
        {
          month: input.month,
          records: own.map((o) => o.r),
          household: (month, persons) => householdContext(state, memberId, month, persons, []),
          priorHighCostMonths: input.priorHighCostMonths.get(memberId) ?? [],
          settings: input.settings,
        },
        own.map((o) => o.i),
      );
      out.members.push({ memberId, monthBenefits });
      if (receipts.length === 0) continue;
      const approved = await this.approvedAmong(claimsOfDecreasedKeys(ledger, dues));
      const cause = `medical costs of ${input.month} recorded`;
      const settlement = settle(dues, ledger, approved, automaticClaimId, cause);
      const paymentFacts = { publicFundsAccount: state.account, insuredDiedOn: insuredDeathDate(state) };
      const metadata = () => ({ ...input.metadata, commandId: newId(), causationId: input.metadata.commandId });
      for (const { claimId, benefit, adjusts } of settlement.records) {
        const data = { claimId, benefit, preference: state.automaticBenefitPayment ?? null, paymentFacts, adjusts };
        const command: ClaimCommand = { type: 'RecordAutomaticBenefit', data, metadata: metadata() };
        out.commands.push({ claimId, command, key: benefit.key, adjusts: adjusts?.claimId ?? null });
      }
      for (const { claimId, recoveryId, amount, detail } of settlement.recoveries) {
        const data = { claimId, recoveryId, amount, reason: REEVALUATION_REASON, detail };
        out.commands.push({
          claimId,
          command: { type: 'RecordClaimRecovery', data, metadata: metadata() },
          key: null,
          adjusts: null,
        });
      }
      for (const { claimId, reason } of settlement.withdrawals) {
        const command: ClaimCommand = { type: 'WithdrawBenefitClaim', data: { claimId, reason }, metadata: metadata() };
        out.commands.push({ claimId, command, key: null, adjusts: null });
      }
      out.ledgers.push(ledgerAppend(memberId, input.month, receipts, settlement.changes, history, metadata()));
    }
    return out;
  }

  /** The claims approved now among `claimIds` (a recovery needs an approved claim; others are withdrawn). */
  private async approvedAmong(claimIds: readonly string[]): Promise<Set<string>> {
    const approved = new Set<string>();
    for (const claimId of claimIds) {
      const state = foldRecorded(this.claims.decider, await this.store.readStreamOrEmpty(claimStreamId(claimId)));
      if (state.status === 'approved') approved.add(claimId);
    }
    return approved;
  }
}

function claimsOfDecreasedKeys(ledger: LedgerState, dues: readonly { key: string; from: number; to: number }[]) {
  return dues.filter((d) => d.to < d.from).flatMap((d) => ledger.keys[d.key]?.claims.map((c) => c.claimId) ?? []);
}

function ledgerAppend(
  memberId: string,
  month: string,
  receipts: MedicalCostRecord[],
  changes: MedicalCostsRecorded['data']['changes'],
  history: readonly RecordedEvent[],
  metadata: CommandMetadata,
): StreamAppend {
  const event: MedicalCostsRecorded = { type: 'MedicalCostsRecorded', data: { memberId, month, receipts, changes } };
  return {
    streamId: medicalCostLedgerStreamId(memberId),
    expectedRevision: history.at(-1)?.revision ?? 'no_stream',
    events: [
      {
        ...event,
        metadata: {
          ...baseMetadata({ type: 'RecordMedicalCosts', data: {}, metadata }, 0),
          effectiveDate: `${month}-01`,
        },
      },
    ],
  };
}
