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
