import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertNoViolations, Clock, ConflictError, RuleViolation, type Violation } from '@kenpo/kernel';
import { WrongExpectedRevisionError } from '@kenpo/event-store';
import { medicalCostBoundViolations, type MedicalCostRecord } from '@kenpo/benefits';
import type { MemberState } from '@kenpo/membership';
import { metadataOf } from '../commands/command-context.js';
import { MemberCommands } from '../members/member-commands.service.js';
import { ClaimCommands } from './claim-commands.service.js';
import { RecordMedicalCostsCommand } from './claim.cqrs-commands.js';
import { recordViolations } from './household-context.js';
import { automaticClaimId, type LedgerPlan, MedicalCostLedgers } from './medical-cost-ledgers.service.js';
import { ClaimViews } from './views/claim-views.service.js';

export { automaticClaimId } from './medical-cost-ledgers.service.js';

const CONCURRENCY = 4;
const MAX_ATTEMPTS = 5;

export interface MedicalCostRecordsAnswer {
  month: string;
  records: number;
  /** Benefits due on the month's records, and how many of them this request recorded (the rest were before). */
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
  /** What this request changed beside the month's first claims (多数回 re-evaluation of later months, issue 13.1). */
  adjustments: { claimId: string; action: 'additional' | 'recovery' | 'withdrawal'; adjusts?: string }[];
  position: number | null;
}

/**
 * POST /medical-cost-records: every record is checked against the member streams first (422, nothing written), then
 * each member's ledger derives 高額療養費 and 付加給付 (libs/benefits) for the month and, when the month is earlier
 * than months already recorded, the differences in those months; the claims and the ledgers are written in one
 * transaction, planned again if another batch of the same member won the race. Re-sending a batch records nothing.
 */
@CommandHandler(RecordMedicalCostsCommand)
export class RecordMedicalCostsHandler implements ICommandHandler<RecordMedicalCostsCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly claims: ClaimCommands,
    private readonly views: ClaimViews,
    private readonly ledgers: MedicalCostLedgers,
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
    // Months recorded before the ledgers existed count for 多数回該当 from the claims view: it must be up to date.
    await this.views.upToDate();
    const priorHighCostMonths = await this.views.highCostMonths([...states.keys()], month);
    for (let attempt = 1; ; attempt++) {
      const plan = await this.ledgers.plan({
        month,
        records,
        states,
        priorHighCostMonths,
        metadata: metadataOf(context, this.clock.now()),
        settings: this.claims.settings,
      });
      try {
        return answer(month, records.length, plan, await this.claims.executeMany(plan.commands, plan.ledgers));
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= MAX_ATTEMPTS)
          throw new ConflictError(
            'concurrency_conflict',
            'medical costs of these members are being recorded; try again',
            [{ field: 'records', rule: 'concurrency_conflict', message: 'too many concurrent batches' }],
          );
      }
    }
  }

  private async loadMembers(memberIds: string[]): Promise<Map<string, MemberState | null>> {
    const states = new Map<string, MemberState | null>();
    await pool(memberIds, CONCURRENCY, async (id) => {
      states.set(id, (await this.members.load(id))?.state ?? null);
    });
    return states;
  }
}

function answer(
  month: string,
  records: number,
  plan: LedgerPlan,
  outcomes: { claimId: string; appended: boolean; position: number | null }[],
): MedicalCostRecordsAnswer {
  const appended = new Set(outcomes.filter((o) => o.appended).map((o) => o.claimId));
  const recordedKeys = new Set(
    plan.commands.filter((c) => c.key !== null && appended.has(c.claimId)).map((c) => c.key!),
  );
  const claims = plan.members.flatMap((m) =>
    m.monthBenefits.map((b) => ({
      claimId: automaticClaimId(b.key),
      memberId: b.memberId,
      personId: b.personId,
      kind: b.kind,
      rule: b.rule,
      amount: b.amount,
      recorded: recordedKeys.has(b.key),
    })),
  );
  const firstClaims = new Set(claims.map((c) => c.claimId));
  const adjustments = plan.commands
    .filter((c) => appended.has(c.claimId) && !firstClaims.has(c.claimId))
    .map((c) =>
      c.command.type === 'RecordClaimRecovery'
        ? { claimId: c.claimId, action: 'recovery' as const }
        : c.command.type === 'WithdrawBenefitClaim'
          ? { claimId: c.claimId, action: 'withdrawal' as const }
          : { claimId: c.claimId, action: 'additional' as const, ...(c.adjusts ? { adjusts: c.adjusts } : {}) },
    );
  const recorded = claims.filter((c) => c.recorded).length;
  return {
    month,
    records,
    benefits: claims.length,
    recorded,
    alreadyRecorded: claims.length - recorded,
    claims,
    adjustments,
    position: outcomes.reduce<number | null>(
      (max, o) => (o.position !== null && (max === null || o.position > max) ? o.position : max),
      null,
    ),
  };
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
