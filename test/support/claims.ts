import request from 'supertest';
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
  await request(system.http)
    .put(`/members/${memberId}/public-funds-account`)
    .set('authorization', `Bearer ${await system.token('clerk')}`)
    .send({
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber,
      holderName: 'ヤマダ タロウ',
    })
    .expect(200);
}

export const claimAccount = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary',
  accountNumber: '7654321',
  holderName: 'ヤマダ タロウ',
};

/** One inpatient receipt of 1,000,000 yen with 300,000 paid: 高額療養費 and 付加給付 for bracket ウ (domain.md 4.5, 4.8). */
export function highCostRecord(memberId: string, month = '2025-06') {
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
  const res = await request(system.http)
    .post(`/members/${memberId}/loss-of-eligibility`)
    .set('authorization', `Bearer ${await system.token('clerk')}`)
    .send({ reason: 'death', dateOfDeath });
  if (res.status >= 300) throw new Error(`loss of eligibility: ${res.status} ${JSON.stringify(res.body)}`);
}
