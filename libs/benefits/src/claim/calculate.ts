import type { Calculation } from '../calculators/breakdown.js';
import { calculateChildbirthGrant } from '../calculators/childbirth-grant.js';
import { calculateFuneral } from '../calculators/funeral.js';
import { calculateInpatientMeals } from '../calculators/inpatient-meals.js';
import { calculateMaternityAllowance } from '../calculators/maternity-allowance.js';
import { calculatePremiumRefund } from '../calculators/premium-refund.js';
import { calculateReimbursement } from '../calculators/reimbursement.js';
import { calculateSicknessAllowance, type LimitationCut } from '../calculators/sickness-allowance.js';
import { calculateTransport } from '../calculators/transport.js';
import type { BenefitInput } from '../claim.types.js';
import type { SocietySettings } from '../reference/society-settings.js';

/** Runs the calculator of a claimed benefit. */
export function calculateBenefit(
  benefit: BenefitInput,
  settings: SocietySettings,
  cut: LimitationCut = {},
): Calculation {
  switch (benefit.kind) {
    case 'sickness-allowance':
      return calculateSicknessAllowance(benefit, settings, cut);
    case 'maternity-allowance':
      return calculateMaternityAllowance(benefit, settings, cut);
    case 'childbirth-grant':
    case 'family-childbirth-grant':
      return calculateChildbirthGrant(benefit, benefit.kind);
    case 'burial-allowance':
    case 'burial-expenses':
    case 'family-burial-allowance':
      return calculateFuneral(benefit.kind, benefit, settings);
    case 'medical-expense-reimbursement':
    case 'home-visit-nursing':
      return calculateReimbursement(benefit, settings, benefit.kind);
    case 'inpatient-meal-expenses':
      return calculateInpatientMeals(benefit, settings);
    case 'transport-expenses':
      return calculateTransport(benefit);
    case 'premium-refund':
      return calculatePremiumRefund(benefit, settings);
  }
}
