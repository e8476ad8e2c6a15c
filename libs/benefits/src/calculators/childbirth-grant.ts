import { businessDate, ValidationError } from '@kenpo/kernel';
import { CHILDBIRTH_GRANT } from '../reference/lump-sums.js';
import { lookup } from '../reference/lookup.js';
import { Trace, type Calculation } from './breakdown.js';

/** 出産育児一時金 / 家族出産育児一時金 facts (domain.md 4.3). */
export interface ChildbirthGrantInput {
  birthDate: string;
  /** Live births and stillbirths of 85 days' pregnancy or more; twins count twice. */
  numberOfBabies: number;
  /** Delivered under the obstetric compensation system (産科医療補償制度) at 22 weeks or more. */
  obstetricCompensation: boolean;
  /** Paid by the society directly to the institution (直接支払制度): deducted from what is paid to the member. */
  paidDirectlyToInstitution?: number;
}

export function calculateChildbirthGrant(input: ChildbirthGrantInput, calculator = 'childbirth-grant'): Calculation {
  const trace = new Trace(calculator, { ...input });
  const birthDate = businessDate(input.birthDate, 'birthDate');
  if (!Number.isInteger(input.numberOfBabies) || input.numberOfBabies < 1 || input.numberOfBabies > 10) {
    throw ValidationError.of('numberOfBabies', 'range', 'must be a whole number from 1 to 10');
  }
  const direct = input.paidDirectlyToInstitution ?? 0;
  if (!Number.isSafeInteger(direct) || direct < 0) {
    throw ValidationError.of(
      'paidDirectlyToInstitution',
      'non_negative_yen',
      'must be a whole number of yen, 0 or more',
    );
  }
  const { from, value } = lookup(CHILDBIRTH_GRANT, birthDate, 'childbirth grant amount');
  const perBaby = input.obstetricCompensation ? value.withObstetricCompensation : value.withoutObstetricCompensation;
  trace.ref('CHILDBIRTH_GRANT', from, { ...value });
  trace.step(
    'amount per baby',
    perBaby,
    input.obstetricCompensation ? 'with obstetric compensation' : 'without obstetric compensation',
  );
  const total = trace.step(
    'amount for all babies',
    perBaby * input.numberOfBabies,
    `${perBaby} × ${input.numberOfBabies}`,
  );
  if (direct > 0) trace.step('already paid to the institution (direct payment)', direct);
  return trace.done(trace.step('amount payable', Math.max(0, total - direct)));
}
