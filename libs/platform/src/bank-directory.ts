import { createRequire } from 'node:module';
import { RuleViolation } from '@kenpo/kernel';

export interface BankBranch {
  bankCode: string;
  bankNameKana: string;
  branchCode: string;
  branchNameKana: string;
}

interface ZenginData {
  [bankCode: string]: { kana: string; branches: { [branchCode: string]: { kana: string } } };
}

/**
 * Bank and branch codes of Japanese financial institutions, from the zengin-code package (loaded on first use:
 * the data set is about 5 MB). An abstract class so a bank-provided master can replace it.
 */
export abstract class BankDirectory {
  abstract find(bankCode: string, branchCode: string): BankBranch | null;
  abstract hasBank(bankCode: string): boolean;

  /** 422 naming `<prefix>bankCode` or `<prefix>branchCode` when the Zengin bank code data does not know them. */
  assertKnown(bankCode: string, branchCode: string, prefix = ''): void {
    if (this.find(bankCode, branchCode)) return;
    throw this.hasBank(bankCode)
      ? RuleViolation.of(
          `${prefix}branchCode`,
          'known_branch',
          'must name an existing branch of the bank (Zengin data)',
        )
      : RuleViolation.of(`${prefix}bankCode`, 'known_bank', 'must name an existing bank (Zengin bank code data)');
  }
}

export class ZenginCodeBankDirectory extends BankDirectory {
  private data: ZenginData | undefined;

  private banks(): ZenginData {
    return (this.data ??= createRequire(import.meta.url)('zengin-code') as ZenginData);
  }

  hasBank(bankCode: string): boolean {
    return Object.hasOwn(this.banks(), bankCode);
  }

  find(bankCode: string, branchCode: string): BankBranch | null {
    const bank = this.banks()[bankCode];
    const branch = bank?.branches[branchCode];
    if (!bank || !branch) return null;
    return { bankCode, bankNameKana: bank.kana, branchCode, branchNameKana: branch.kana };
  }
}
