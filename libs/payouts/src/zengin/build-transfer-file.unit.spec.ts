import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@kenpo/kernel';
import { buildTransferFile } from './build-transfer-file.js';
import { at, fileInput, transfer } from './zengin-fixtures.js';
import { DATA_LAYOUT, END_LAYOUT, HEADER_LAYOUT, RECORD_LENGTH, TRAILER_LAYOUT } from './zengin-layout.js';
import type { TransferFileInput } from './transfer-file.types.js';

function violationsOf(input: TransferFileInput): { field: string; rule: string }[] {
  try {
    buildTransferFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).violations.map(({ field, rule }) => ({ field, rule }));
  }
  throw new Error('expected a ValidationError');
}

describe('Zengin 総合振込 layout tables (domain.md 8.1–8.3)', () => {
  it.each([
    ['header', HEADER_LAYOUT],
    ['data', DATA_LAYOUT],
    ['trailer', TRAILER_LAYOUT],
    ['end', END_LAYOUT],
  ])('%s fields are contiguous from position 1 and fill exactly 120 bytes', (_name, layout) => {
    let next = 1;
    for (const field of layout) {
      expect(field.pos).toBe(next);
      next += field.len;
    }
    expect(next - 1).toBe(RECORD_LENGTH);
  });
});

describe('buildTransferFile: header record (domain.md 8.1)', () => {
  const header = buildTransferFile(fileInput()).records[0]!;
  it.each([
    [1, 1, '1', 'データ区分'],
    [2, 2, '21', '種別コード 総合振込'],
    [4, 1, '0', 'コード区分 JIS'],
    [5, 10, '1234567890', '振込依頼人コード'],
    [15, 40, 'ｹﾝﾎﾟｹﾝｺｳﾎｹﾝｸﾐｱｲ'.padEnd(40, ' '), '振込依頼人名, half-width, space-padded'],
    [55, 4, '0307', '振込指定日 MMDD'],
    [59, 4, '0001', '仕向銀行番号'],
    [63, 15, 'ﾐｽﾞﾎ'.padEnd(15, ' '), '仕向銀行名'],
    [78, 3, '001', '仕向支店番号'],
    [81, 15, 'ﾄｳｷﾖｳ'.padEnd(15, ' '), '仕向支店名 (small ョ written large)'],
    [96, 1, '1', '預金種目 普通'],
    [97, 7, '1234567', '口座番号'],
    [104, 17, ' '.repeat(17), 'ダミー'],
  ])('position %i, %i long: %s (%s)', (pos, len, expected) => {
    expect(at(header, pos, len)).toBe(expected);
  });
});

describe('buildTransferFile: data record (domain.md 8.2)', () => {
  const data = buildTransferFile(
    fileInput([transfer({ accountType: 'savings', accountNumber: '12345', customerCode1: '42' })]),
  ).records[1]!;
  it.each([
    [1, 1, '2', 'データ区分'],
    [2, 4, '0005', '被仕向銀行番号'],
    [6, 15, 'ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ  ', '被仕向銀行名: ー as -, ェ large, voiced kana as 2 characters'],
    [21, 3, '123', '被仕向支店番号'],
    [24, 15, 'ｼﾝｼﾞｭｸ'.replace('ｭ', 'ﾕ').padEnd(15, ' '), '被仕向支店名'],
    [39, 4, '0000', '手形交換所番号 unused'],
    [43, 1, '4', '預金種目 貯蓄'],
    [44, 7, '0012345', '口座番号 right-aligned, zero-padded'],
    [51, 30, 'ﾔﾏﾀﾞ ﾀﾛｳ'.padEnd(30, ' '), '受取人名 half-width kana'],
    [81, 10, '0000123456', '振込金額'],
    [91, 1, '0', '新規コード その他'],
    [92, 10, '0000000042', '顧客コード1'],
    [102, 10, '0000000000', '顧客コード2 unused'],
    [112, 1, '7', '振込指定区分 テレ振込 (default, UNCONFIRMED per bank)'],
    [113, 1, ' ', '識別表示 without EDI'],
    [114, 7, ' '.repeat(7), 'ダミー'],
  ])('position %i, %i long: %s (%s)', (pos, len, expected) => {
    expect(at(data, pos, len)).toBe(expected);
  });

  it('EDI情報 takes positions 92–111 and sets 識別表示 Y', () => {
    const record = buildTransferFile(fileInput([transfer({ ediInfo: 'ｷﾕｳﾌ/2025-001' })])).records[1]!;
    expect(at(record, 92, 20)).toBe('ｷﾕｳﾌ/2025-001'.padEnd(20, ' '));
    expect(at(record, 113, 1)).toBe('Y');
  });
});

describe('buildTransferFile: trailer, end, framing (domain.md 8.3, 8.4)', () => {
  const amounts = [1, 9_999_999_999, 250_000];
  const file = buildTransferFile(fileInput(amounts.map((amount) => transfer({ amount }))));

  it('trailer counts the data records and sums their amounts', () => {
    const trailer = file.records[4]!;
    expect(at(trailer, 1, 1)).toBe('8');
    expect(at(trailer, 2, 6)).toBe('000003');
    expect(at(trailer, 8, 12)).toBe(String(amounts.reduce((a, b) => a + b)).padStart(12, '0'));
    expect(at(trailer, 20, 101)).toBe(' '.repeat(101));
    expect(file).toMatchObject({ count: 3, total: 10_000_250_000 });
  });

  it('file order is header, data, trailer, end, each exactly 120 single-byte characters', () => {
    expect(file.records.map((r) => r[0])).toEqual(['1', '2', '2', '2', '8', '9']);
    expect(file.records[5]).toBe(`9${' '.repeat(119)}`);
    for (const record of file.records) {
      expect(record).toHaveLength(120);
      expect(
        [...record].every((c) => c.charCodeAt(0) < 0x80 || (c.charCodeAt(0) >= 0xff61 && c.charCodeAt(0) <= 0xff9f)),
      ).toBe(true);
    }
  });

  it('CRLF after each record by default (122 bytes a record); none gives a pure 120-byte stream', () => {
    expect(file.content).toBe(file.records.map((r) => `${r}\r\n`).join(''));
    const stream = buildTransferFile(fileInput([transfer()], { lineSeparator: 'none' }));
    expect(stream.content).toHaveLength(4 * 120);
    expect(stream.content).toBe(stream.records.join(''));
  });
});

describe('buildTransferFile refuses invalid input with the field named', () => {
  it('domain.md 8.4: a holder name in kanji', () => {
    expect(violationsOf(fileInput([transfer(), transfer({ holderName: '山田 太郎' })]))).toEqual([
      { field: 'records[1].holderName', rule: 'zengin_charset' },
    ]);
  });

  it('domain.md 8.4: amounts must be whole yen from 1 to 9,999,999,999', () => {
    const records = [0, -5, 10.5, 10_000_000_000].map((amount) => transfer({ amount }));
    const amountRules = violationsOf(fileInput(records))
      .filter((v) => v.rule === 'amount_range')
      .map((v) => v.field);
    expect(amountRules).toEqual(['records[0].amount', 'records[1].amount', 'records[2].amount', 'records[3].amount']);
  });

  it('domain.md 8.1/8.2: codes of the wrong length or not digits', () => {
    const input = fileInput([transfer({ bankCode: '5', branchCode: '12a', accountNumber: '12345678' })]);
    input.sender = { ...input.sender, clientCode: '123', accountType: 'savings' };
    expect(violationsOf(input)).toEqual([
      { field: 'sender.clientCode', rule: 'digits_exact' },
      { field: 'sender.accountType', rule: 'account_type' },
      { field: 'records[0].bankCode', rule: 'digits_exact' },
      { field: 'records[0].branchCode', rule: 'digits_exact' },
      { field: 'records[0].accountNumber', rule: 'digits_max' },
    ]);
  });

  it('domain.md 8.4: bank names allow "-" only; an empty file is refused', () => {
    expect(violationsOf(fileInput([transfer({ branchName: 'ホンテン(ホンブ)' })]))).toEqual([
      { field: 'records[0].branchName', rule: 'zengin_charset' },
    ]);
    expect(violationsOf(fileInput([]))).toEqual([{ field: 'records', rule: 'not_empty' }]);
  });

  it('domain.md 8.4: a long name is cut without splitting a kana from its voicing mark, or refused by option', () => {
    const name = 'ア'.repeat(29) + 'ガ';
    const data = buildTransferFile(fileInput([transfer({ holderName: name })])).records[1]!;
    expect(at(data, 51, 30)).toBe(`${'ｱ'.repeat(29)} `);
    expect(violationsOf(fileInput([transfer({ holderName: name })], { truncateNames: false }))).toEqual([
      { field: 'records[0].holderName', rule: 'too_long' },
    ]);
  });

  it('error messages never repeat the personal data', () => {
    try {
      buildTransferFile(fileInput([transfer({ holderName: '山田 太郎' })]));
    } catch (error) {
      expect((error as Error).message).not.toContain('山田');
      expect(JSON.stringify((error as ValidationError).violations)).not.toContain('山田');
    }
    expect.assertions(2);
  });
});
