import { lookup } from './reference/lookup.js';
import { ValidationError, yearMonth, type BusinessDate } from '@kenpo/kernel';
import { calculateAdditionalBenefit } from './calculators/additional-benefit.js';
import type { Breakdown, Calculation } from './calculators/breakdown.js';
import {
  calculateHighCost70to74,
  calculateHighCostForReceipt,
  calculateHouseholdHighCost,
  isManyTimes,
  type HighCostAgeGroup,
  type HighCostContext,
  type LowIncome,
} from './calculators/high-cost.js';
import { wholeYen } from './calculators/reimbursement.js';
import { INSURED_PERSON, type AutomaticBenefitKind } from './claim.types.js';
import { HOUSEHOLD_AGGREGATION_THRESHOLD } from './reference/high-cost-brackets.js';
import type { SocietySettings } from './reference/society-settings.js';

/** One receipt (レセプト) as reported for POST /medical-cost-records. */
export interface MedicalCostRecord {
  memberId: string;
  personId: string;
  month: string;
  /** Medical institution code. */
  institution: string;
  setting: 'inpatient' | 'outpatient';
  /** Dental care is a separate receipt from medical care at the same institution (domain.md 4.5 [P57]). */
  dental?: boolean;
  totalMedicalCost: number;
  /** Co-payment actually paid, meal and living standard charges excluded. */
  copaymentPaid: number;
  /** The limit was applied at the counter (限度額適用 / マイナ保険証): the co-payment paid is already capped. */
  ceilingAppliedAtCounter: boolean;
}

/** What the society knows about the household for the month. */
export interface HouseholdContext {
  memberId: string;
  /** The insured's standard monthly remuneration in the month: it fixes the bracket of every member of the household. */
  insuredSmr: number;
  lowIncome: LowIncome;
  /** Age group of each person with records, in the month ('over-75' persons are not insured here). */
  ageGroups: Record<string, HighCostAgeGroup>;
  /** Months in which the household already received 高額療養費 (多数回該当). */
  highCostMonths: string[];
}

export interface AutomaticBenefitContext {
  households: HouseholdContext[];
  settings: SocietySettings;
}

/** A benefit to record (command RecordAutomaticBenefit); `key` is stable: the caller turns it into a UUID v5. */
export interface AutomaticBenefitClaim {
  key: string;
  memberId: string;
  /** The patient, or 'insured' for household-level benefits (paid to the insured). */
  personId: string;
  kind: AutomaticBenefitKind;
  scope: 'receipt' | 'person-month' | 'household';
  month: string;
  institution: string | null;
  setting: 'inpatient' | 'outpatient' | null;
  rule: string;
  amount: number;
  breakdown: Breakdown;
}

/** The receipt part of a benefit key: institution, setting and dental (domain.md 4.5 [P57]). */
export const receiptKey = (r: MedicalCostRecord) => `${r.institution}/${r.setting}${r.dental ? '/dental' : ''}`;

export function automaticBenefitKey(
  memberId: string,
  personId: string,
  month: string,
  institution: string,
  kind: AutomaticBenefitKind,
): string {
  return [memberId, personId, month, institution, kind].map(encodeURIComponent).join(':');
}

function checkRecords(records: readonly MedicalCostRecord[]): string {
  const seen = new Set<string>();
  let month: string | null = null;
  records.forEach((r, i) => {
    for (const field of ['memberId', 'personId', 'institution'] as const) {
      if (typeof r[field] !== 'string' || r[field] === '')
        throw ValidationError.of(`records[${i}].${field}`, 'required', 'is required');
    }
    yearMonth(r.month, `records[${i}].month`);
    if (month !== null && r.month !== month)
      throw ValidationError.of(`records[${i}].month`, 'one_month', 'a batch holds the records of one month');
    month = r.month;
    if (r.setting !== 'inpatient' && r.setting !== 'outpatient')
      throw ValidationError.of(`records[${i}].setting`, 'one_of', 'must be inpatient or outpatient');
    wholeYen(r.totalMedicalCost, `records[${i}].totalMedicalCost`);
    wholeYen(r.copaymentPaid, `records[${i}].copaymentPaid`);
    const id = `${r.memberId}|${r.personId}|${receiptKey(r)}`;
    if (seen.has(id))
      throw ValidationError.of(
        `records[${i}]`,
        'duplicate_record',
        'one record per person, institution and setting in a month',
      );
    seen.add(id);
  });
  return month ?? '';
}

/**
 * 高額療養費 and 付加給付 due on a month's medical cost records (domain.md 4.5, 4.8): per receipt under 70, then
 * household aggregation of co-payments ≥ 21,000; per person-month at 70-74 (not aggregated with the household:
 * a documented simplification). Deterministic: the same records give the same keys and amounts.
 */
export function deriveAutomaticBenefits(
  records: readonly MedicalCostRecord[],
  context: AutomaticBenefitContext,
): AutomaticBenefitClaim[] {
  const month = checkRecords(records);
  const out: AutomaticBenefitClaim[] = [];
  const memberIds = [...new Set(records.map((r) => r.memberId))].sort();
  for (const memberId of memberIds) {
    const household = context.households.find((h) => h.memberId === memberId);
    if (!household)
      throw ValidationError.of(
        'context.households',
        'missing_household',
        'every member with records needs a household context',
      );
    out.push(
      ...deriveForHousehold(
        records.filter((r) => r.memberId === memberId),
        household,
        month,
        context.settings,
      ),
    );
  }
  return out;
}

function deriveForHousehold(
  records: readonly MedicalCostRecord[],
  h: HouseholdContext,
  month: string,
  settings: SocietySettings,
): AutomaticBenefitClaim[] {
  const out: AutomaticBenefitClaim[] = [];
  const manyTimes = isManyTimes(month, h.highCostMonths);
  const ctx = (ageGroup: HighCostAgeGroup): HighCostContext => ({
    month,
    manyTimes,
    onePercentRounding: settings.highCostOnePercentRounding,
    bracket: { ageGroup, insuredSmr: h.insuredSmr, lowIncome: h.lowIncome },
  });
  const emit = (
    personId: string,
    scope: AutomaticBenefitClaim['scope'],
    record: MedicalCostRecord | null,
    kind: AutomaticBenefitKind,
    rule: string,
    calc: Calculation,
  ) => {
    if (calc.amount <= 0) return;
    const institution = record ? receiptKey(record) : 'all';
    out.push({
      key: automaticBenefitKey(h.memberId, scope === 'household' ? 'household' : personId, month, institution, kind),
      memberId: h.memberId,
      personId,
      kind,
      scope,
      month,
      institution: record ? record.institution : null,
      setting: record ? record.setting : null,
      rule,
      amount: calc.amount,
      breakdown: calc.breakdown,
    });
  };
  const ageOf = (personId: string) => {
    const group = h.ageGroups[personId];
    if (group !== 'under-70' && group !== '70-74')
      throw ValidationError.of(`context.households.ageGroups.${personId}`, 'required', 'must be under-70 or 70-74');
    return group;
  };
  const persons = [...new Set(records.map((r) => r.personId))].sort();
  const under70: { record: MedicalCostRecord; highCost: number }[] = [];
  for (const personId of persons) {
    const own = records
      .filter((r) => r.personId === personId)
      .sort((a, b) => receiptKey(a).localeCompare(receiptKey(b)));
    if (ageOf(personId) === '70-74') {
      const hc = calculateHighCost70to74(
        own.map((r) => ({ setting: r.setting, totalMedicalCost: r.totalMedicalCost, copayment: r.copaymentPaid })),
        ctx('70-74'),
      );
      emit(personId, 'person-month', null, 'high-cost-medical', 'high-cost-70-74-person-month', hc);
      const copayment = own.reduce((a, r) => a + r.copaymentPaid, 0);
      emit(
        personId,
        'person-month',
        null,
        'additional-benefit',
        'additional-benefit-person-month',
        calculateAdditionalBenefit({ copayment, highCostBenefit: hc.amount, receipts: own.length }, settings),
      );
      continue;
    }
    for (const record of own) {
      const hc = calculateHighCostForReceipt(
        { totalMedicalCost: record.totalMedicalCost, copayment: record.copaymentPaid },
        ctx('under-70'),
      );
      emit(personId, 'receipt', record, 'high-cost-medical', 'high-cost-per-receipt', hc);
      under70.push({ record, highCost: hc.amount });
    }
  }
  const household = calculateHouseholdHighCost(
    under70.map((u) => ({
      totalMedicalCost: u.record.totalMedicalCost,
      copayment: u.record.copaymentPaid,
      individualBenefit: u.highCost,
    })),
    ctx('under-70'),
  );
  emit(INSURED_PERSON, 'household', null, 'high-cost-medical', 'high-cost-household-aggregation', household);
  // Receipts in a paying household aggregation get one household add-on (合算高額療養費付加金) instead of their own,
  // so that the member always keeps the threshold per receipt and is never refunded twice.
  const threshold = lookup(
    HOUSEHOLD_AGGREGATION_THRESHOLD,
    `${month}-01` as BusinessDate,
    'household aggregation threshold',
  ).value;
  const aggregated =
    household.amount > 0 && settings.additionalBenefit.householdAggregation
      ? under70.filter((u) => u.record.copaymentPaid >= threshold)
      : [];
  for (const u of under70.filter((x) => !aggregated.includes(x))) {
    emit(
      u.record.personId,
      'receipt',
      u.record,
      'additional-benefit',
      'additional-benefit-per-receipt',
      calculateAdditionalBenefit(
        { copayment: u.record.copaymentPaid, highCostBenefit: u.highCost, receipts: 1 },
        settings,
      ),
    );
  }
  if (aggregated.length > 0) {
    emit(
      INSURED_PERSON,
      'household',
      null,
      'additional-benefit',
      'additional-benefit-household-aggregation',
      calculateAdditionalBenefit(
        {
          copayment: aggregated.reduce((a, u) => a + u.record.copaymentPaid, 0),
          highCostBenefit: aggregated.reduce((a, u) => a + u.highCost, 0) + household.amount,
          receipts: aggregated.length,
        },
        settings,
        'household-additional-benefit',
      ),
    );
  }
  return out;
}
