import type { AppConfig } from '@kenpo/platform';
import type { ZenginSender } from '@kenpo/payouts';

/** The society as 振込依頼人 (domain.md 8.1), from configuration. */
export function senderOf(config: AppConfig): ZenginSender {
  const v = config.values;
  return {
    clientCode: v.ZENGIN_CLIENT_CODE,
    clientName: v.ZENGIN_CLIENT_NAME,
    bankCode: v.ZENGIN_BANK_CODE,
    branchCode: v.ZENGIN_BRANCH_CODE,
    accountType: v.ZENGIN_ACCOUNT_TYPE,
    accountNumber: v.ZENGIN_ACCOUNT_NUMBER,
  };
}
