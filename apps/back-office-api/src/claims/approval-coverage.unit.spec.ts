import { describe, expect, it } from '@jest/globals';
import type { AutomaticBenefitRecorded, BenefitClaimSubmitted, BenefitInput } from '@kenpo/benefits';
import { evolve, initialState, type MemberCommand, type MemberState } from '@kenpo/membership';
import { command, enrollData, eventsOf } from '../../../../libs/membership/src/testing.js';
import { approvalCoverageRefusal } from './approval-coverage.js';

const stateOf = (commands: MemberCommand[]): MemberState => eventsOf(commands).reduce(evolve, initialState());
const enrolled = (acquisitionDate: string) => command('EnrollMember', enrollData({ acquisitionDate }));
const cancelAcquisition = command('CancelRecord', { target: 'acquisition', reason: '別人の届出' });
const claim = (benefit: BenefitInput) =>
  ({
    type: 'BenefitClaimSubmitted',
    data: { memberId: 'm-1', personId: 'insured', kind: benefit.kind, benefit },
  }) as BenefitClaimSubmitted;
const treatment: BenefitInput = {
  kind: 'medical-expense-reimbursement',
  treatmentDate: '2025-05-10',
  paidOn: '2025-05-10',
  recognizedCost: 10_000,
  amountPaid: 10_000,
  patientBirthDate: '1985-04-12',
} as BenefitInput;

describe('coverage judged again at approval (issue 12.5 × 13)', () => {
  it('a loss recorded after submission with an earlier date refuses the claim, naming its date field', () => {
    expect(approvalCoverageRefusal(claim(treatment), stateOf([enrolled('2024-04-01')]), null)).toBeNull();
    const lost = stateOf([
      enrolled('2024-04-01'),
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-04-30' }),
    ]);
    const refused = approvalCoverageRefusal(claim(treatment), lost, null);
    expect(refused?.code).toBe('not_covered_on_event_date');
    expect(refused?.violations[0]).toMatchObject({ field: 'benefit.treatmentDate', rule: 'not_covered_on_event_date' });
  });

  it('burial within 3 months after the loss stays approvable; after the 取消 of the acquisition nothing continues', () => {
    const burial = claim({ kind: 'burial-allowance', dateOfDeath: '2025-08-10' } as BenefitInput);
    const loss = command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-06-30' });
    expect(approvalCoverageRefusal(burial, stateOf([enrolled('2024-04-01'), loss]), null)).toBeNull();
    const refused = approvalCoverageRefusal(burial, stateOf([enrolled('2024-04-01'), loss, cancelAcquisition]), null);
    expect(refused?.violations[0]).toMatchObject({ field: 'benefit.dateOfDeath', rule: 'not_covered_on_event_date' });
  });

  it('an automatic benefit keeps the recording rule: covered on any day of the month (acquired mid-month)', () => {
    const automatic = {
      type: 'AutomaticBenefitRecorded',
      data: { memberId: 'm-1', personId: 'insured', kind: 'high-cost-medical', month: '2025-06', scope: 'receipt' },
    } as AutomaticBenefitRecorded;
    expect(approvalCoverageRefusal(automatic, stateOf([enrolled('2025-06-15')]), null)).toBeNull();
    expect(approvalCoverageRefusal(automatic, stateOf([enrolled('2025-07-01')]), null)?.violations[0]).toMatchObject({
      field: 'month',
    });
    const household = { ...automatic, data: { ...automatic.data, scope: 'household' } } as AutomaticBenefitRecorded;
    const cancelled = stateOf([enrolled('2025-06-15'), cancelAcquisition]);
    expect(approvalCoverageRefusal(household, cancelled, null)?.code).toBe('not_covered_on_event_date');
  });
});
