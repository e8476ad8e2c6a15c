import { Injectable } from '@nestjs/common';
import { Clock, DomainError, NotFoundError, RuleViolation, ValidationError, type Violation } from '@kenpo/kernel';
import { AppConfig } from '@kenpo/platform';
import { EventStore, handleCommand, handleCommandBatch, type StreamAppend } from '@kenpo/event-store';
import {
  type AutomaticBenefitRecorded,
  type BenefitClaimSubmitted,
  claimStreamId,
  createClaimDecider,
  evolveClaim,
  initialClaimState,
  societySettings,
  type ClaimCommand,
  type ClaimEvent,
  type ClaimState,
  type SocietySettings,
} from '@kenpo/benefits';
import type { Decider } from '@kenpo/kernel';
import { type CommandContext, metadataOf } from '../commands/command-context.js';
import { BenefitRegistry } from './benefit-registry.service.js';
import { applyClaimEvent, type ClaimDetail } from './views/claim-view.js';

export interface ClaimAnswer {
  claimId: string;
  status: ClaimDetail['status'];
  amount: number | null;
  /** The claim stream's revision: send it as If-Match with the next decision. */
  revision: number;
  /** Global position of the last event: pass it as `minPosition` to GET /benefit-claims to read your own write. */
  position: number | null;
  events: string[];
  /** A refusal recorded by this command: the rule and why. */
  rejection?: { rule: string; message: string };
}

type DataOf<T extends ClaimCommand['type']> = Extract<ClaimCommand, { type: T }>['data'];

/** Top-level names of the claim command; any other field a calculator names is a fact inside `benefit`. */
const COMMAND_FIELDS =
  /^(claimId|memberId|personId|benefit|payment|payee|coverage|submittedOn|reason|metadata|actor|duplicateOverride|amount)(\.|\[|$)/;

/** Calculator errors name fields relative to the benefit (`claimPeriod.from`); the API names them in the body. */
export function inBodyTerms(error: unknown): unknown {
  // The society supplies the SMR history: none for an insured month is the member's record (422), not the request's.
  if (
    error instanceof ValidationError &&
    error.violations.some((v) => v.field === 'remunerationHistory' && v.rule === 'no_months')
  ) {
    const message = 'no standard monthly remuneration is recorded for an insured month of the averaging window';
    return new RuleViolation('standard_remuneration_recorded', message, [
      { field: 'benefit.claimPeriod', rule: 'standard_remuneration_recorded', message },
    ]);
  }
  if (!(error instanceof DomainError) || error.violations.every((v) => COMMAND_FIELDS.test(v.field))) return error;
  const violations: Violation[] = error.violations.map((v) =>
    COMMAND_FIELDS.test(v.field) ? v : { ...v, field: `benefit.${v.field}` },
  );
  const Kind = error.constructor as new (
    code: string,
    message: string,
    violations: readonly Violation[],
  ) => DomainError;
  return new Kind(error.code, error.message, violations);
}

/** Runs claim commands on `claim-<claimId>` streams with the society's settings. */
@Injectable()
export class ClaimCommands {
  // The society's own choices: libs/benefits defaults (domain.md UNCONFIRMED rules) and the configured money bounds.
  readonly settings: SocietySettings;
  readonly decider: Decider<ClaimState, ClaimCommand, ClaimEvent>;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly registry: BenefitRegistry,
    config: AppConfig,
  ) {
    this.settings = societySettings({
      automaticBenefitApprovalThreshold: config.values.AUTOMATIC_BENEFIT_APPROVAL_THRESHOLD,
      medicalCostMaxPerReceipt: config.values.MEDICAL_COST_MAX_PER_RECEIPT,
    });
    this.decider = createClaimDecider(this.settings);
  }

  command<T extends ClaimCommand['type']>(
    type: T,
    data: DataOf<T>,
    context: CommandContext,
    reason?: string,
  ): ClaimCommand {
    return { type, data, metadata: metadataOf(context, this.clock.now(), reason) } as ClaimCommand;
  }

  /** The claim with its facts and breakdown, folded from its stream; null when there is none. */
  async detail(claimId: string): Promise<ClaimDetail | null> {
    const events = await this.store.readStreamOrEmpty(claimStreamId(claimId));
    return events.reduce<ClaimDetail | null>((view, event) => applyClaimEvent(view, event), null);
  }

  /** The submission of a claim still awaiting its decision (null when there is none, or it was decided). */
  async pendingSubmission(claimId: string): Promise<BenefitClaimSubmitted | AutomaticBenefitRecorded | null> {
    const events = (await this.store.readStreamOrEmpty(claimStreamId(claimId))) as unknown as ClaimEvent[];
    const first = events[0];
    if (!first || events.reduce(evolveClaim, initialClaimState()).status !== 'submitted') return null;
    return first.type === 'BenefitClaimSubmitted' || first.type === 'AutomaticBenefitRecorded' ? first : null;
  }

  async execute(
    claimId: string,
    command: ClaimCommand,
    context: Pick<CommandContext, 'expectedRevision'>,
  ): Promise<ClaimAnswer> {
    try {
      const outcome = await handleCommand(this.store, claimStreamId(claimId), this.decider, command, {
        expectedRevision: context.expectedRevision,
        metadataFor: (event) => effectiveDateOf(event),
        // An approval registers its insured event in the same transaction (duplicates, issue 13.5).
        alongside: (state, planned) => this.registry.planApproval(state, planned),
      });
      const state = outcome.state;
      if (state.status === 'none') throw new NotFoundError('claim_not_found', 'no such claim');
      const rejected = outcome.events.find((e) => e.type === 'BenefitClaimRejected')?.data as
        { rule: string; message: string } | undefined;
      return {
        claimId,
        status: state.status,
        amount: state.amount,
        revision: outcome.nextExpectedRevision,
        position: outcome.position,
        events: outcome.events.map((e) => e.type),
        ...(rejected ? { rejection: { rule: rejected.rule, message: rejected.message } } : {}),
      };
    } catch (error) {
      throw inBodyTerms(error);
    }
  }

  /**
   * Records many claims in one transaction (handleCommandBatch): a month's automatic benefits are thousands of new
   * claim streams, and one sync per stream made a 10,000-record batch take minutes.
   */
  async executeMany(
    items: readonly { claimId: string; command: ClaimCommand }[],
    alongside?: readonly StreamAppend[],
  ): Promise<{ claimId: string; appended: boolean; position: number | null }[]> {
    const outcomes = await handleCommandBatch(
      this.store,
      items.map(({ claimId, command }) => ({
        streamId: claimStreamId(claimId),
        decider: this.decider,
        command,
        metadataFor: (event: ClaimEvent) => effectiveDateOf(event),
      })),
      alongside ? { atomic: { alongside } } : {},
    );
    return outcomes.map((outcome, i) => ({
      claimId: items[i]!.claimId,
      appended: outcome.events.length > 0,
      position: outcome.position,
    }));
  }
}

/** The business date of the insured event, for compliance queries on the effective axis. */
function effectiveDateOf(event: ClaimEvent): { effectiveDate?: string } {
  if (event.type === 'BenefitClaimSubmitted') return { effectiveDate: event.data.insuredEventDate };
  if (event.type === 'BenefitClaimRejected' && event.data.submission)
    return { effectiveDate: event.data.submission.insuredEventDate };
  if (event.type === 'AutomaticBenefitRecorded') return { effectiveDate: `${event.data.month}-01` };
  return {};
}
