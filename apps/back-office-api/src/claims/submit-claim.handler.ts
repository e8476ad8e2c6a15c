import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, RuleViolation } from '@kenpo/kernel';
import type { BenefitInput, PaymentInstruction } from '@kenpo/benefits';
import { BankDirectory } from '@kenpo/platform';
import { newAggregateId } from '../commands/command-context.js';
import { MemberCommands } from '../members/member-commands.service.js';
import type { BenefitFactsDto } from './benefit-facts.dto.js';
import { BenefitRegistry } from './benefit-registry.service.js';
import { type ClaimAnswer, ClaimCommands, inBodyTerms } from './claim-commands.service.js';
import { completeBenefit, coverageFor, insuredDeathDate, personOf } from './claim-facts.js';
import { SubmitBenefitClaimCommand } from './claim.cqrs-commands.js';
import type { PaymentDto } from './claim.dto.js';
import { ClaimViews } from './views/claim-views.service.js';

const BURIAL = new Set(['burial-allowance', 'burial-expenses']);

/**
 * A clerk's claim: the member's stream supplies what the society knows (coverage on the date of the insured event,
 * remuneration, dates of birth), the decider calculates at once. A refusal (not covered, time-barred, nothing
 * payable) is recorded as the claim's only event and answered 422 with the rule.
 */
@CommandHandler(SubmitBenefitClaimCommand)
export class SubmitBenefitClaimHandler implements ICommandHandler<SubmitBenefitClaimCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly claims: ClaimCommands,
    private readonly views: ClaimViews,
    private readonly banks: BankDirectory,
    private readonly registry: BenefitRegistry,
  ) {}

  async execute({ memberId, dto, context }: SubmitBenefitClaimCommand): Promise<ClaimAnswer> {
    const member = await this.members.load(memberId);
    if (!member) throw new NotFoundError('member_not_found', 'no member with this id');
    const { state } = member;
    const person = personOf(state, dto.personId);
    if (!person)
      throw RuleViolation.of(
        'personId',
        'person_exists',
        "must be 'insured' or the dependantId of a dependant of the member",
      );
    const payment = this.payment(dto.payment);
    // Plain JSON: the facts are stored in the event as given.
    const facts = JSON.parse(JSON.stringify(dto.benefit)) as BenefitFactsDto;
    let benefit: BenefitInput;
    let coverage;
    try {
      benefit = completeBenefit(facts, state, person);
      const lastDay =
        BURIAL.has(benefit.kind) && state.loss
          ? await this.views.lastContinuationDay(memberId, state.loss.lossDate)
          : null;
      coverage = coverageFor(benefit, state, person, lastDay);
    } catch (error) {
      throw inBodyTerms(error);
    }
    const claimId = newAggregateId(context, 'benefit-claim');
    const command = this.claims.command(
      'SubmitBenefitClaim',
      {
        claimId,
        memberId,
        personId: dto.personId,
        benefit,
        payment,
        payee: dto.payee
          ? { kind: dto.payee.kind, name: dto.payee.name ?? null, relationship: dto.payee.relationship ?? null }
          : null,
        // Money is decided at application: the account registered now is the one paid (domain.md 7).
        paymentFacts: { publicFundsAccount: state.account, insuredDiedOn: insuredDeathDate(state) },
        coverage,
        registered: await this.registry.registered(memberId),
        submittedOn: dto.submittedOn ?? null,
      },
      context,
    );
    const answer = await this.claims.execute(claimId, command, context);
    if (answer.rejection && answer.events.length > 0) {
      const { rule, message } = answer.rejection;
      throw Object.assign(
        new RuleViolation(rule, `claim ${claimId} was recorded as rejected (${rule}): ${message}`, [
          { field: 'benefit', rule, message },
        ]),
        { answer },
      );
    }
    return answer;
  }

  /** The bank must exist (Zengin code data); whether public funds can be used is the decider's rule. */
  private payment(dto: PaymentDto): PaymentInstruction {
    if (dto.method === 'public-funds') return { method: 'public-funds' };
    const a = dto.account!;
    this.banks.assertKnown(a.bankCode, a.branchCode, 'payment.account.');
    return {
      method: 'account',
      account: {
        bankCode: a.bankCode,
        branchCode: a.branchCode,
        accountType: a.accountType,
        accountNumber: a.accountNumber,
        holderName: a.holderName,
      },
    };
  }
}
