import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { assertNoViolations, Clock, newId, RuleViolation, type Violation } from '@kenpo/kernel';
import {
  deriveAutomaticBenefits,
  medicalCostBoundViolations,
  type AutomaticBenefitClaim,
  type ClaimCommand,
  type MedicalCostRecord,
} from '@kenpo/benefits';
import type { MemberState } from '@kenpo/membership';
import { type CommandContext, metadataOf } from '../commands/command-context.js';
import { MemberCommands } from '../members/member-commands.service.js';
import { ClaimCommands } from './claim-commands.service.js';
import { RecordMedicalCostsCommand } from './claim.cqrs-commands.js';
import { insuredDeathDate } from './claim-facts.js';
import { householdContext, recordViolations } from './household-context.js';
import { ClaimViews } from './views/claim-views.service.js';

/** Automatic benefits get the claim id UUIDv5(key): the same record in any later batch lands on the same claim. */
const AUTOMATIC_CLAIM_NAMESPACE = 'a3f0c9de-5b7e-4f1a-8d2c-6e9b1f4a7c03';
const CONCURRENCY = 4;

export interface MedicalCostRecordsAnswer {
  month: string;
  records: number;
  /** Benefits due on the records, and how many of them this request recorded (the rest were recorded before). */
  benefits: number;
  recorded: number;
  alreadyRecorded: number;
  claims: {
    claimId: string;
    memberId: string;
    personId: string;
    kind: string;
    rule: string;
    amount: number;
    recorded: boolean;
  }[];
  position: number | null;
}

export const automaticClaimId = (key: string): string => uuidv5(key, AUTOMATIC_CLAIM_NAMESPACE);

/**
 * POST /medical-cost-records: every record is checked against the member streams first (422, nothing written), then
 * 高額療養費 and 付加給付 are derived (libs/benefits) and each is recorded, approved by its rule, on its own claim
 * stream. Re-sending a batch finds every claim recorded and creates nothing.
 */
@CommandHandler(RecordMedicalCostsCommand)
export class RecordMedicalCostsHandler implements ICommandHandler<RecordMedicalCostsCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly claims: ClaimCommands,
    private readonly views: ClaimViews,
    private readonly clock: Clock,
  ) {}

  async execute({ dto, context }: RecordMedicalCostsCommand): Promise<MedicalCostRecordsAnswer> {
    const records: MedicalCostRecord[] = dto.records.map((r) => ({ ...r, dental: r.dental ?? false }));
    assertWellFormed(records, this.claims.settings.medicalCostMaxPerReceipt);
    const month = records[0]!.month;
    const states = await this.loadMembers([...new Set(records.map((r) => r.memberId))]);
    const violations: Violation[] = records.flatMap((r, i) => recordViolations(states.get(r.memberId) ?? null, r, i));
    if (violations.length > 0) {
      throw new RuleViolation(
        violations[0]!.rule,
        violations
          .slice(0, 20)
          .map((v) => `${v.field}: ${v.message}`)
          .join('; '),
        violations.slice(0, 100),
      );
    }
    // A batch must not be derived before the benefits recorded a moment ago are visible (多数回該当).
    await this.views.upToDate();
    const history = await this.views.highCostMonths([...states.keys()], month);
    const households = [...states].map(([memberId, state]) =>
      householdContext(
        state!,
        memberId,
        month,
        [...new Set(records.filter((r) => r.memberId === memberId).map((r) => r.personId))],
        history.get(memberId) ?? [],
      ),
    );
    const derived = deriveAutomaticBenefits(records, { households, settings: this.claims.settings });
    const outcomes = await this.record(derived, states, context);
    const recorded = outcomes.filter((o) => o.recorded).length;
    return {
      month,
      records: records.length,
      benefits: derived.length,
      recorded,
      alreadyRecorded: derived.length - recorded,
      claims: derived.map((b, i) => ({
        claimId: outcomes[i]!.claimId,
        memberId: b.memberId,
        personId: b.personId,
        kind: b.kind,
        rule: b.rule,
        amount: b.amount,
        recorded: outcomes[i]!.recorded,
      })),
      position: outcomes.reduce<number | null>(
        (max, o) => (o.position !== null && (max === null || o.position > max) ? o.position : max),
        null,
      ),
    };
  }

  private async loadMembers(memberIds: string[]): Promise<Map<string, MemberState | null>> {
    const states = new Map<string, MemberState | null>();
    await pool(memberIds, CONCURRENCY, async (id) => {
      states.set(id, (await this.members.load(id))?.state ?? null);
    });
    return states;
  }

  /** All benefits of the batch in one transaction (appendMany): a failed request records none of them. */
  private async record(
    benefits: readonly AutomaticBenefitClaim[],
    states: Map<string, MemberState | null>,
    context: CommandContext,
  ) {
    const base = metadataOf(context, this.clock.now());
    const items = benefits.map((benefit) => {
      const claimId = automaticClaimId(benefit.key);
      const member = states.get(benefit.memberId)!;
      // One command per claim, caused by the request: its own id keeps event ids unique across the claim streams.
      const command: ClaimCommand = {
        type: 'RecordAutomaticBenefit',
        data: {
          claimId,
          benefit,
          preference: member.automaticBenefitPayment ?? null,
          paymentFacts: { publicFundsAccount: member.account, insuredDiedOn: insuredDeathDate(member) },
        },
        metadata: { ...base, commandId: newId(), causationId: context.commandId },
      };
      return { claimId, command };
    });
    const outcomes = await this.claims.executeMany(items);
    return outcomes.map((o) => ({ claimId: o.claimId, recorded: o.appended, position: o.position }));
  }
}

/** One month per batch, one record per receipt (400 before anything is looked up). */
function assertWellFormed(records: readonly MedicalCostRecord[], maxTotalMedicalCost: number): void {
  const month = records[0]!.month;
  const seen = new Set<string>();
  assertNoViolations(
    records
      .flatMap((r, i): Violation[] => {
        if (r.month !== month)
          return [
            { field: `records.${i}.month`, rule: 'one_month', message: 'a batch holds the records of one month' },
          ];
        if (r.copaymentPaid > r.totalMedicalCost)
          return [
            {
              field: `records.${i}.copaymentPaid`,
              rule: 'copayment_exceeds_cost',
              message: 'must not exceed the total medical cost',
            },
          ];
        const outOfBounds = medicalCostBoundViolations(r, `records.${i}`, maxTotalMedicalCost);
        if (outOfBounds.length > 0) return outOfBounds;
        const receipt = [r.memberId, r.personId, r.institution, r.setting, r.dental ? 'dental' : 'medical'].join('|');
        if (seen.has(receipt))
          return [
            {
              field: `records.${i}`,
              rule: 'duplicate_record',
              message: 'one record per person, institution, setting and dental/medical in a month',
            },
          ];
        seen.add(receipt);
        return [];
      })
      .slice(0, 100),
  );
}

/** Runs `work` over `items` with at most `size` at a time, keeping the order of the results. */
async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
