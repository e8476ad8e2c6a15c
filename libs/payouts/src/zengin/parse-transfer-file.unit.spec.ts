import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@kenpo/kernel';
import { buildTransferFile } from './build-transfer-file.js';
import { parseTransferFile } from './parse-transfer-file.js';
import { fileInput, sender, transfer } from './zengin-fixtures.js';

function errorOf(content: string): { field: string; rule: string } {
  try {
    parseTransferFile(content);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const [violation] = (error as ValidationError).violations;
    return { field: violation!.field, rule: violation!.rule };
  }
  throw new Error('expected a ValidationError');
}

describe('parseTransferFile (domain.md 8.1–8.4)', () => {
  const records = [
    transfer({
      holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
      amount: 5_000,
      customerCode1: '0000000001',
      customerCode2: '0000000002',
      newCode: '1',
    }),
    transfer({
      bankCode: '0009',
      branchName: '',
      bankName: '',
      holderName: 'ｽｽﾞｷ ﾊﾅｺ',
      accountType: 'current',
      accountNumber: '7654321',
      amount: 1_234_567,
      ediInfo: 'ｷﾕｳﾌ-0001',
    }),
  ];
  const built = buildTransferFile(fileInput(records));

  it('round trip: every field written is read back', () => {
    const parsed = parseTransferFile(built.content);
    expect(parsed.header).toEqual({
      typeCode: '21',
      codeKind: '0',
      clientCode: sender.clientCode,
      clientName: 'ｹﾝﾎﾟｹﾝｺｳﾎｹﾝｸﾐｱｲ',
      transferDate: '0307',
      bankCode: '0001',
      bankName: 'ﾐｽﾞﾎ',
      branchCode: '001',
      branchName: 'ﾄｳｷﾖｳ',
      accountType: 'ordinary',
      accountNumber: '1234567',
    });
    expect(parsed.records).toEqual([
      {
        bankCode: '0005',
        bankName: 'ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ',
        branchCode: '123',
        branchName: 'ｼﾝｼﾞﾕｸ',
        clearingHouseCode: '0000',
        accountType: 'ordinary',
        accountNumber: '0012345',
        holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
        amount: 5_000,
        newCode: '1',
        customerCode1: '0000000001',
        customerCode2: '0000000002',
        transferDesignation: '7',
      },
      {
        bankCode: '0009',
        bankName: '',
        branchCode: '123',
        branchName: '',
        clearingHouseCode: '0000',
        accountType: 'current',
        accountNumber: '7654321',
        holderName: 'ｽｽﾞｷ ﾊﾅｺ',
        amount: 1_234_567,
        newCode: '0',
        ediInfo: 'ｷﾕｳﾌ-0001',
        transferDesignation: '7',
      },
    ]);
    expect(parsed.trailer).toEqual({ count: built.count, total: built.total });
  });

  it('domain.md 8.4 framing: pure stream, LF or CR only, and a trailing EOF byte 0x1A read the same', () => {
    const expected = parseTransferFile(built.content);
    expect(parseTransferFile(built.records.join(''))).toEqual(expected);
    expect(parseTransferFile(`${built.records.join('\n')}\n`)).toEqual(expected);
    expect(parseTransferFile(built.records.join('\r'))).toEqual(expected);
    expect(parseTransferFile(`${built.content}\x1a`)).toEqual(expected);
  });

  it('domain.md 8.3: a trailer whose count or total differs from the data records is refused', () => {
    const trailer = built.records[3]!;
    const wrongCount = `8000003${trailer.slice(7)}`;
    const wrongTotal = `${trailer.slice(0, 7)}${String(built.total + 1).padStart(12, '0')}${trailer.slice(19)}`;
    const replaceTrailer = (t: string) => [...built.records.slice(0, 3), t, built.records[4]].join('\r\n');
    expect(errorOf(replaceTrailer(wrongCount))).toEqual({ field: 'trailer.count', rule: 'count_mismatch' });
    expect(errorOf(replaceTrailer(wrongTotal))).toEqual({ field: 'trailer.total', rule: 'total_mismatch' });
  });

  it('domain.md 8.3: records out of order, a short record, or another 種別コード are refused', () => {
    expect(errorOf([built.records[1], built.records[0], ...built.records.slice(2)].join('\r\n'))).toEqual({
      field: 'records',
      rule: 'record_order',
    });
    expect(errorOf(built.records.join('\r\n').slice(0, -1))).toEqual({ field: 'records[4]', rule: 'record_length' });
    const payroll = `111${built.records[0]!.slice(3)}`;
    expect(errorOf([payroll, ...built.records.slice(1)].join('\r\n'))).toEqual({
      field: 'header.typeCode',
      rule: 'type_code',
    });
  });

  it('domain.md 8.2: a numeric field that is not digits is refused with the field named', () => {
    const data = built.records[1]!;
    const broken = `${data.slice(0, 80)}00000X5000${data.slice(90)}`;
    expect(errorOf([built.records[0], broken, ...built.records.slice(2)].join('\r\n'))).toEqual({
      field: 'records[0].amount',
      rule: 'digits',
    });
  });
});
