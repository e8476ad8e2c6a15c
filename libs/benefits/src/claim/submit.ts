import { businessDate, ConflictError, japanDateOf, ValidationError, type BusinessDate } from '@kenpo/kernel';
import type { SubmitBenefitClaim } from '../claim.commands.js';
import type { Breakdown } from '../calculators/breakdown.js';
import type { ClaimEvent, LimitationWindow } from '../claim.events.js';
import type { ClaimState } from '../claim.state.js';
import { INSURED_PERSON, type BenefitInput, type ClaimedBenefitKind } from '../claim.types.js';
import type { SocietySettings } from '../reference/society-settings.js';
import { calculateBenefit } from './calculate.js';
import { coverageRefusal, insuredEventDate, type Refusal } from './coverage.js';
import { firstClaimableDay, isTimeBarred, limitationExpiresOn, limitationStart } from './limitation.js';
import { insuredEventOf } from '../insured-events.js';
import { submissionDuplicates, withPriority } from './duplicates.js';
import { claimPayTo } from './pay-to.js';
import { paymentInstruction } from './payment.js';

const INSURED_ONLY: readonly ClaimedBenefitKind[] = [
  'sickness-allowance',
  'maternity-allowance',
  'childbirth-grant',
  'burial-allowance',
  'burial-expenses',
  'premium-refund',
];
const DEPENDANT_ONLY: readonly ClaimedBenefitKind[] = ['family-childbirth-grant', 'family-burial-allowance'];
const KINDS: readonly ClaimedBenefitKind[] = [
  ...INSURED_ONLY,
  ...DEPENDANT_ONLY,
  'medical-expense-reimbursement',
  'home-visit-nursing',
  'inpatient-meal-expenses',
  'transport-expenses',
];

export const today = (command: { metadata: { now: string } }): BusinessDate => {
  const instant = new Date(command.metadata.now);
  if (Number.isNaN(instant.getTime()))
    throw ValidationError.of('metadata.now', 'timestamp', 'must be an ISO-8601 instant');
  return japanDateOf(instant);
};

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw ValidationError.of(field, 'required', 'is required');
  return value;
}

function checkShape(d: SubmitBenefitClaim['data']): BenefitInput {
  text(d.claimId, 'claimId');
  text(d.memberId, 'memberId');
  const personId = text(d.personId, 'personId');
  const benefit = d.benefit;
  if (!benefit || !KINDS.includes(benefit.kind))
    throw ValidationError.of('benefit.kind', 'one_of', `must be one of ${KINDS.join(', ')}`);
  if (INSURED_ONLY.includes(benefit.kind) && personId !== INSURED_PERSON) {
    throw ValidationError.of('personId', 'insured_only', `${benefit.kind} is a benefit of the insured person`);
  }
  if (DEPENDANT_ONLY.includes(benefit.kind) && personId === INSURED_PERSON) {
    throw ValidationError.of('personId', 'dependant_only', `${benefit.kind} is a benefit for a dependant`);
  }
  if (!d.coverage || typeof d.coverage.covered !== 'boolean')
    throw ValidationError.of('coverage.covered', 'required', 'must be true or false');
  return benefit;
}

/**
 * A clerk's claim: refused by a recorded rejection (the only event) when the person was not covered or the claim is
 * time-barred or nothing is payable; otherwise calculated at once.
 */
export function submitClaim(command: SubmitBenefitClaim, state: ClaimState, settings: SocietySettings): ClaimEvent[] {
  const d = command.data;
  if (state.status !== 'none') {
    const same = state.memberId === d.memberId && state.personId === d.personId && state.kind === d.benefit?.kind;
    if (same) return [];
    throw new ConflictError('claim_id_in_use', 'the claim id is already used by another claim', [
      { field: 'claimId', rule: 'claim_id_in_use', message: 'is already used by another claim' },
    ]);
  }
  const { benefit, priorityFrom } = withPriority(checkShape(d), d.registered ?? []);
  const payment = paymentInstruction(d.payment);
  const payTo = claimPayTo(benefit.kind as ClaimedBenefitKind, payment, d.payee, {
    publicFundsAccount: d.paymentFacts?.publicFundsAccount ?? null,
    insuredDiedOn: d.paymentFacts?.insuredDiedOn ?? null,
  });
  const submittedOn = d.submittedOn ? businessDate(d.submittedOn, 'submittedOn') : today(command);
  const eventDate = insuredEventDate(benefit);
  const { startsOn, lastFactDay } = limitationStart(benefit);
  if (lastFactDay > submittedOn)
    throw ValidationError.of(
      'benefit',
      'not_yet_claimable',
      `the claim rests on facts after the submission date (${lastFactDay})`,
    );
  const limitation: LimitationWindow = { startsOn, expiresOn: limitationExpiresOn(startsOn) };
  const identity = { claimId: d.claimId, memberId: d.memberId, personId: d.personId, kind: benefit.kind };
  const reject = (refusal: Refusal, breakdown: Breakdown | null = null): ClaimEvent[] => [
    {
      type: 'BenefitClaimRejected',
      data: {
        ...identity,
        stage: 'submission',
        ...refusal,
        rejectedBy: command.metadata.actor.id,
        rejectedOn: submittedOn,
        submission: { submittedOn, benefit, coverage: d.coverage, insuredEventDate: eventDate, limitation, breakdown },
      },
    },
  ];
  const notCovered = coverageRefusal(benefit, d.coverage);
  if (notCovered) return reject(notCovered);
  if (isTimeBarred(startsOn, submittedOn)) {
    return reject({
      rule: 'limitation_expired',
      message: `the right lapsed on ${limitation.expiresOn}: 2 years from ${startsOn} (domain.md 4.9)`,
    });
  }
  const rolling = benefit.kind === 'sickness-allowance' || benefit.kind === 'maternity-allowance';
  const cut = rolling ? { firstClaimableDay: firstClaimableDay(submittedOn) } : {};
  const calculation = calculateBenefit(benefit, settings, cut);
  const { amount, breakdown } = calculation;
  if (amount <= 0)
    return reject(
      { rule: 'nothing_payable', message: 'the calculation leaves nothing to pay; see the breakdown' },
      breakdown,
    );
  const insuredEvent = insuredEventOf(d.personId, benefit, calculation);
  const duplicateOf = submissionDuplicates(benefit.kind, d.claimId, insuredEvent, d.registered ?? []);
  return [
    {
      type: 'BenefitClaimSubmitted',
      data: {
        ...identity,
        origin: 'claim',
        submittedOn,
        submittedBy: command.metadata.actor.id,
        benefit,
        coverage: d.coverage,
        insuredEventDate: eventDate,
        limitation,
        payment,
        payTo,
        amount,
        breakdown,
        insuredEvent,
        priorityFrom,
        duplicateOf,
      },
    },
  ];
}
