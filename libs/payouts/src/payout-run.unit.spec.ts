import { describe, expect, it } from '@jest/globals';
import { businessDate } from '@kenpo/kernel';
import type { PayoutInstructed } from './payout.events.js';
import { transferFileName, transferRecordOf } from './payout-run.js';
import { buildTransferFile } from './zengin/build-transfer-file.js';
import { parseTransferFile } from './zengin/parse-transfer-file.js';
import { sender } from './zengin/zengin-fixtures.js';

const instruction = (recordIndex: number, amount: number, holderName: string): PayoutInstructed['data'] => ({
  payoutId: `p-${recordIndex}`,
  runId: 'run-1',
  recordIndex,
  amount,
  transferDate: '2025-03-07',
  accountSource: 'public-funds',
  account: { bankCode: '0005', branchCode: '123', accountType: 'ordinary', accountNumber: '1234567', holderName },
});

describe('from instructions to a Zengin file (architecture.md 6, domain.md 8)', () => {
  it('the same instructions give byte-identical files under the same deterministic name', () => {
    const instructions = [instruction(0, 10_000, 'ﾔﾏﾀﾞ ﾀﾛｳ'), instruction(1, 25_500, 'ｽｽﾞｷ ﾊﾅｺ')];
    const build = () =>
      buildTransferFile({
        sender,
        transferDate: businessDate('2025-03-07'),
        records: instructions.map(transferRecordOf),
      });
    expect(build().content).toBe(build().content);
    expect(transferFileName('run-1')).toBe(transferFileName('run-1'));
    expect(transferFileName('run-1')).not.toBe(transferFileName('run-2'));
    const parsed = parseTransferFile(build().content);
    expect(parsed.records.map((r) => [r.holderName, r.amount])).toEqual([
      ['ﾔﾏﾀﾞ ﾀﾛｳ', 10_000],
      ['ｽｽﾞｷ ﾊﾅｺ', 25_500],
    ]);
    expect(parsed.trailer).toEqual({ count: 2, total: 35_500 });
  });
});
