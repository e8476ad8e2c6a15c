import { createRequire } from 'node:module';

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
