import { type ApiClient, apiAs, expectStatus, type Schemas } from './api.js';
import type { TestBackOffice } from './back-office.js';

/** Events in member and claim streams: the payout reactor's own streams grow on their own after approvals. */
export async function claimAndMemberEventCount(system: TestBackOffice): Promise<number> {
  let count = 0;
  for await (const page of system.events.readAllPages({ pageSize: 1_000 })) {
    count += page.filter((e) => e.streamId.startsWith('claim-') || e.streamId.startsWith('member-')).length;
  }
  return count;
}

export async function registerPublicFundsAccount(
  system: TestBackOffice,
  memberId: string,
  accountNumber = '1234567',
): Promise<void> {
  const { error, response } = await (
    await apiAs(system, 'clerk')
  ).PUT('/members/{memberId}/public-funds-account', {
    params: { path: { memberId } },
    body: { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber, holderName: 'ヤマダ タロウ' },
  });
  if (response.status !== 200) throw new Error(`public funds account: ${response.status} ${JSON.stringify(error)}`);
}

export const claimAccount: Schemas['BankAccountDto'] = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary',
  accountNumber: '7654321',
  holderName: 'ヤマダ タロウ',
};

/** One inpatient receipt of 1,000,000 yen with 300,000 paid: 高額療養費 and 付加給付 for bracket ウ (domain.md 4.5, 4.8). */
export function highCostRecord(memberId: string, month = '2025-06'): Schemas['MedicalCostRecordDto'] {
  return {
    memberId,
    personId: 'insured',
    month,
    institution: 'H0001',
    setting: 'inpatient',
    totalMedicalCost: 1_000_000,
    copaymentPaid: 300_000,
    ceilingAppliedAtCounter: false,
  };
}

/** The insured's death recorded as a loss of eligibility (資格喪失 the next day). */
export async function recordDeath(system: TestBackOffice, memberId: string, dateOfDeath: string): Promise<void> {
  const { error, response } = await (
    await apiAs(system, 'clerk')
  ).POST('/members/{memberId}/loss-of-eligibility', {
    params: { path: { memberId } },
    body: { reason: 'death', dateOfDeath },
  });
  if (response.status >= 300) throw new Error(`loss of eligibility: ${response.status} ${JSON.stringify(error)}`);
}

/** A claim submitted by a clerk's client (201 asserted): its id. */
export async function submitClaim(
  clerk: ApiClient,
  memberId: string,
  body: Schemas['SubmitBenefitClaimDto'],
): Promise<string> {
  const submitted = await clerk.POST('/members/{memberId}/benefit-claims', { params: { path: { memberId } }, body });
  return expectStatus(submitted, 201).data.claimId;
}

/** A claim approved by an approver's client (200 asserted). */
export async function approveClaim(approver: ApiClient, claimId: string): Promise<Schemas['ClaimAnswerDto']> {
  // No body: the approval's fields are all optional, and clients leave it out.
  const approved = await approver.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } } });
  return expectStatus(approved, 200).data;
}
