import { ValidationError, type EffectiveDated, type RoundingMode, type Violation } from '@kenpo/kernel';

export interface Rounding {
  unit: number;
  mode: RoundingMode;
}

/** 付加給付 (domain.md 4.8): defined by each society's 規約, so every figure is a setting. */
export interface AdditionalBenefitSettings {
  enabled: boolean;
  /** Deducted per receipt (レセプト) from the co-payment left after 高額療養費: 20,000 or 25,000 in the examples. */
  thresholdPerReceipt: number;
  /** Fractions below the unit are cut (examples: under 100 yen truncated). */
  rounding: Rounding;
  /** Smaller results are not paid (examples: 500 or 1,000 yen). */
  minimumPayout: number;
  /** 合算高額療養費付加金: also refund the household-aggregated co-payments above the threshold per receipt. */
  householdAggregation: boolean;
}

/** The society's own choices, with the defaults this society adopted; every UNCONFIRMED rule is one of them. */
export interface SocietySettings {
  /**
   * 傷病手当金/出産手当金 daily amount: ÷30 step and ×2/3 step. Default half-up per [P42]; domain.md 4.1 notes a
   * conflicting reading (truncation of sub-yen fractions, [P42b]), UNCONFIRMED, hence configurable.
   */
  dailyAllowanceRounding: { perDay: Rounding; twoThirds: Rounding };
  /**
   * Average SMR of all the society's insured on 9/30 of the previous fiscal year, used when an insured has fewer
   * than 12 months (domain.md 4.1). The society's own figure: the default 300,000 is 協会けんぽ's 2024 figure
   * [P44], a placeholder the society must replace (UNCONFIRMED).
   */
  allInsuredAverageSmr: readonly EffectiveDated<number>[];
  /** Rounding of the 1 % term of the high-cost limits (domain.md 4.5: UNCONFIRMED). */
  highCostOnePercentRounding: RoundingMode;
  additionalBenefit: AdditionalBenefitSettings;
  /**
   * 療養費 etc.: the patient's co-payment share deducted from the recognised cost. Default to the nearest 10 yen
   * as for counter co-payments; domain.md 4.7 does not say (UNCONFIRMED).
   */
  copaymentRounding: Rounding;
  /** 入院時食事療養 standard cost per meal (基準額), UNCONFIRMED in domain.md 4.6: the society enters it. */
  mealStandardCostPerMeal: readonly EffectiveDated<number>[];
  /** 埋葬料付加金 / 家族埋葬付加金 (domain.md 4.4 example: 50,000 / 30,000); none by default. */
  funeralAddOn: { insured: number; family: number };
  /** Refund prepaid voluntary-continuation premiums on a withdrawal at the member's request (domain.md 3.2: varies). */
  refundPrepaidPremiumsOnOwnRequest: boolean;
  /**
   * Automatic benefits (高額療養費, 付加給付 from medical cost records) above this many yen wait for an approver, like
   * any claim (issue 13.4: four-eyes on money). A society policy, not a statute.
   */
  automaticBenefitApprovalThreshold: number;
  /**
   * The largest total medical cost of one receipt (レセプト) accepted from medical cost records; larger is refused as a
   * typing or file error (issue 13.4). Monthly receipts of a few hundred million yen exist (gene therapies), so the
   * default leaves room above them.
   */
  medicalCostMaxPerReceipt: number;
}

export const defaultSocietySettings: SocietySettings = {
  dailyAllowanceRounding: { perDay: { unit: 10, mode: 'half_up' }, twoThirds: { unit: 1, mode: 'half_up' } },
  allInsuredAverageSmr: [{ from: '2016-04-01', value: 300_000 }],
  highCostOnePercentRounding: 'half_up',
  additionalBenefit: {
    enabled: true,
    thresholdPerReceipt: 20_000,
    rounding: { unit: 100, mode: 'floor' },
    minimumPayout: 1_000,
    householdAggregation: true,
  },
  copaymentRounding: { unit: 10, mode: 'half_up' },
  // 入院時食事療養(Ⅰ)(1) per meal as commonly published (640 → 670 → 690): UNCONFIRMED, to be checked by the society.
  mealStandardCostPerMeal: [
    { from: '2016-04-01', value: 640 },
    { from: '2024-06-01', value: 670 },
    { from: '2025-04-01', value: 690 },
  ],
  funeralAddOn: { insured: 0, family: 0 },
  refundPrepaidPremiumsOnOwnRequest: true,
  automaticBenefitApprovalThreshold: 500_000,
  medicalCostMaxPerReceipt: 500_000_000,
};

/** Fills defaults and refuses impossible settings at boot rather than at the first claim. */
export function societySettings(overrides: Partial<SocietySettings> = {}): SocietySettings {
  const s: SocietySettings = { ...defaultSocietySettings, ...overrides };
  const violations: Violation[] = [];
  const wholeYen = (field: string, value: number, min = 0) => {
    if (!Number.isSafeInteger(value) || value < min)
      violations.push({ field, rule: 'range', message: `must be a whole number of yen, at least ${min}` });
  };
  const rounding = (field: string, r: Rounding) => wholeYen(`${field}.unit`, r.unit, 1);
  rounding('dailyAllowanceRounding.perDay', s.dailyAllowanceRounding.perDay);
  rounding('dailyAllowanceRounding.twoThirds', s.dailyAllowanceRounding.twoThirds);
  rounding('additionalBenefit.rounding', s.additionalBenefit.rounding);
  rounding('copaymentRounding', s.copaymentRounding);
  wholeYen('additionalBenefit.thresholdPerReceipt', s.additionalBenefit.thresholdPerReceipt);
  wholeYen('additionalBenefit.minimumPayout', s.additionalBenefit.minimumPayout);
  wholeYen('funeralAddOn.insured', s.funeralAddOn.insured);
  wholeYen('funeralAddOn.family', s.funeralAddOn.family);
  wholeYen('automaticBenefitApprovalThreshold', s.automaticBenefitApprovalThreshold);
  wholeYen('medicalCostMaxPerReceipt', s.medicalCostMaxPerReceipt, 1);
  s.allInsuredAverageSmr.forEach((e, i) => wholeYen(`allInsuredAverageSmr[${i}].value`, e.value, 1));
  s.mealStandardCostPerMeal.forEach((e, i) => wholeYen(`mealStandardCostPerMeal[${i}].value`, e.value, 1));
  if (violations.length > 0)
    throw new ValidationError(
      'invalid_society_settings',
      violations.map((v) => `${v.field}: ${v.message}`).join('; '),
      violations,
    );
  return s;
}
