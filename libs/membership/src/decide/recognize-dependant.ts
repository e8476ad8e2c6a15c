import { assertNoViolations, businessDate, ConflictError, RuleViolation, type Violation } from '@kenpo/kernel';
import { nextDependantBranch } from '../branch-numbers.js';
import { protectedNumberOf, protectedNumberViolations } from '../individual-number.js';
import type { MembershipSettings } from '../membership-settings.js';
import type { RecognizeDependant } from '../member.commands.js';
import { INSURED, type DependantRecognized, type MemberEvent, type ResidenceException } from '../member.events.js';
import { evolve, type MemberState } from '../member.state.js';
import { gradeInForce } from '../queries.js';
import { activeDependants, requireEnrolled, today } from './context.js';
import { dependantRefusalReasons, GROUP_A, GROUP_B } from './dependant-criteria.js';
import { issueDocument, issueNotification } from './documents.js';
import { bool, date, kana, oneOf, requiredText, SEXES, wholeYen } from './fields.js';

const RESIDENCE_EXCEPTIONS: readonly ResidenceException[] = [
  'overseas-student',
  'accompanying-posted-insured',
  'temporary-travel',
  'relationship-formed-abroad',
  'life-base-in-japan',
];

function violationsOf(d: RecognizeDependant['data']): Violation[] {
  const r = (d.residence ?? {}) as Partial<RecognizeDependant['data']['residence']>;
  return [
    ...requiredText('dependantId', d.dependantId),
    ...(d.dependantId === INSURED
      ? [{ field: 'dependantId', rule: 'reserved', message: "'insured' names the insured person" }]
      : []),
    ...oneOf('relationship', d.relationship, [...GROUP_A, ...GROUP_B]),
    ...protectedNumberViolations('individualNumber', d.individualNumber),
    ...requiredText('name', d.name),
    ...kana('nameKana', d.nameKana),
    ...date('dateOfBirth', d.dateOfBirth),
    ...oneOf('sex', d.sex, SEXES),
    ...date('recognizedFrom', d.recognizedFrom),
    ...wholeYen('expectedAnnualIncome', d.expectedAnnualIncome),
    ...bool('sameHousehold', d.sameHousehold),
    ...bool('disabled', d.disabled),
    ...(d.monthlyRemittance == null ? [] : wholeYen('monthlyRemittance', d.monthlyRemittance)),
    ...(d.insuredAnnualIncome == null ? [] : wholeYen('insuredAnnualIncome', d.insuredAnnualIncome)),
    ...bool('residence.inJapan', r.inJapan),
    ...(r.exception == null ? [] : oneOf('residence.exception', r.exception, RESIDENCE_EXCEPTIONS)),
    ...(r.excludedVisa == null
      ? []
      : oneOf('residence.excludedVisa', r.excludedVisa, ['medical-stay', 'long-stay-sightseeing'])),
    ...(d.cardLinkage ? date('cardLinkage.linkedOn', d.cardLinkage.linkedOn) : []),
  ];
}

/**
 * 被扶養者認定 (domain.md 3.3). A failed criterion is an outcome, not an error: `DependantRecognitionRefused`
 * lists every failed rule. The insured's income defaults to the standard monthly remuneration in force in the
 * month of recognition × 12 (bonuses are not held here) unless the command gives it.
 */
export function recognizeDependant(
  command: RecognizeDependant,
  state: MemberState,
  settings: MembershipSettings,
): MemberEvent[] {
  const d = command.data;
  assertNoViolations(violationsOf(d));
  requireEnrolled(state);
  const existing = state.dependants.find((dep) => dep.dependantId === d.dependantId);
  if (existing?.status === 'active') return [];
  if (existing)
    throw new ConflictError('dependant_id_used', 'this dependantId belonged to a removed dependant; use a new id');
  if (state.status !== 'active' && state.status !== 'voluntary-continuation') {
    throw RuleViolation.of(
      'status',
      'insured_not_covered',
      'dependants are recognised only while the insured is covered',
    );
  }
  const recognizedFrom = businessDate(d.recognizedFrom, 'recognizedFrom');
  const coverageStart = state.insured.coverage.at(-1)!.from;
  if (recognizedFrom < coverageStart) {
    throw RuleViolation.of(
      'recognizedFrom',
      'within_insured_coverage',
      "must not be before the insured's current coverage began",
    );
  }
  if (d.dateOfBirth > recognizedFrom) {
    throw RuleViolation.of('dateOfBirth', 'born_before_recognition', 'must not be after the recognition date');
  }
  // The vault gives one member's copies of one number the same ref.
  const ref = d.individualNumber.ref;
  if ([state.insured, ...activeDependants(state)].some((p) => p.individualNumber.ref === ref)) {
    throw new ConflictError(
      'individual_number_in_use',
      'this Individual Number already belongs to a person of this member',
      [
        {
          field: 'individualNumber',
          rule: 'unique',
          message: 'must not be the number of the insured or of a current dependant',
        },
      ],
    );
  }
  const residence = {
    inJapan: d.residence.inJapan,
    exception: d.residence.exception ?? null,
    excludedVisa: d.residence.excludedVisa ?? null,
  };
  const monthlyRemittance = d.monthlyRemittance ?? null;
  const reasons = dependantRefusalReasons({
    relationship: d.relationship,
    dateOfBirth: d.dateOfBirth,
    recognizedFrom,
    expectedAnnualIncome: d.expectedAnnualIncome,
    sameHousehold: d.sameHousehold,
    monthlyRemittance,
    residence,
    disabled: d.disabled,
    insuredAnnualIncome:
      d.insuredAnnualIncome ?? (gradeInForce(state, recognizedFrom.slice(0, 7))?.standardMonthlyRemuneration ?? 0) * 12,
    insuredIsMainEarner: d.insuredIsMainEarner ?? false,
  });
  if (reasons.length > 0) {
    const previous = state.refusals[d.dependantId];
    if (
      previous &&
      previous.requestedFrom === recognizedFrom &&
      previous.rules.join() === reasons.map((r) => r.rule).join()
    )
      return [];
    return [
      {
        type: 'DependantRecognitionRefused',
        data: {
          personId: d.dependantId,
          dependantId: d.dependantId,
          relationship: d.relationship,
          requestedFrom: recognizedFrom,
          reasons,
        },
      },
    ];
  }
  const recognized: DependantRecognized = {
    type: 'DependantRecognized',
    data: {
      personId: d.dependantId,
      dependantId: d.dependantId,
      branch: nextDependantBranch(state.dependants.map((dep) => dep.branch)),
      relationship: d.relationship,
      individualNumber: protectedNumberOf(d.individualNumber),
      name: d.name,
      nameKana: d.nameKana,
      dateOfBirth: d.dateOfBirth,
      sex: d.sex,
      expectedAnnualIncome: d.expectedAnnualIncome,
      sameHousehold: d.sameHousehold,
      monthlyRemittance,
      residence,
      disabled: d.disabled,
      recognizedFrom,
    },
  };
  const after = evolve(state, recognized);
  const dependant = after.dependants.at(-1)!;
  const issuedOn = today(command);
  const events: MemberEvent[] = [recognized];
  if (d.cardLinkage)
    events.push({ type: 'CardLinked', data: { personId: d.dependantId, linkedOn: d.cardLinkage.linkedOn } });
  events.push(
    issueNotification(after, dependant, { issuedOn, reason: 'dependant-recognized', acquisitionDate: recognizedFrom }),
  );
  if (!d.cardLinkage) {
    events.push(
      ...issueDocument(settings, after, dependant, { issuedOn, validFrom: recognizedFrom, reason: 'no-card-linkage' }),
    );
  }
  return events;
}
