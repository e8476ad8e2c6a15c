import { ValidationError } from '@kenpo/kernel';
import { readFields } from './zengin-field.js';
import { splitRecords } from './zengin-framing.js';
import {
  accountTypeOfCode,
  DATA_LAYOUT,
  EDI_INFO_FIELD,
  END_LAYOUT,
  HEADER_LAYOUT,
  TRAILER_LAYOUT,
} from './zengin-layout.js';
import type { BankAccountType, ZenginField } from './zengin-layout.js';

export interface ParsedHeader {
  typeCode: string;
  codeKind: string;
  clientCode: string;
  clientName: string;
  /** MMDD as written. */
  transferDate: string;
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  accountType: BankAccountType;
  accountNumber: string;
}

export interface ParsedTransfer {
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  clearingHouseCode: string;
  accountType: BankAccountType;
  accountNumber: string;
  holderName: string;
  amount: number;
  newCode: string;
  customerCode1?: string;
  customerCode2?: string;
  ediInfo?: string;
  transferDesignation: string;
}

export interface ParsedTransferFile {
  header: ParsedHeader;
  records: ParsedTransfer[];
  trailer: { count: number; total: number };
}

function fields(record: string, layout: readonly ZenginField[], path: string): Record<string, string> {
  const out = readFields(record, layout);
  for (const field of layout) {
    if (field.type === 'N' && !/^\d+$/.test(out[field.key]!)) {
      throw ValidationError.of(`${path}.${field.key}`, 'digits', `${field.label} must be digits`);
    }
  }
  return out;
}

function accountType(code: string, path: string): BankAccountType {
  const type = accountTypeOfCode(code);
  if (!type) throw ValidationError.of(`${path}.accountType`, 'account_type', `預金種目 ${code} is not a known code`);
  return type;
}

function parseData(record: string, path: string): ParsedTransfer {
  const edi = record[112] === 'Y';
  const layout = edi ? DATA_LAYOUT.filter((f) => f.key !== 'customerCode1' && f.key !== 'customerCode2') : DATA_LAYOUT;
  const v = fields(record, layout, path);
  const parsed: ParsedTransfer = {
    bankCode: v.bankCode!,
    bankName: v.bankName!,
    branchCode: v.branchCode!,
    branchName: v.branchName!,
    clearingHouseCode: v.clearingHouseCode!,
    accountType: accountType(v.accountType!, path),
    accountNumber: v.accountNumber!,
    holderName: v.holderName!,
    amount: Number(v.amount),
    newCode: v.newCode!,
    transferDesignation: v.transferDesignation!,
  };
  if (edi) parsed.ediInfo = readFields(record, [EDI_INFO_FIELD]).ediInfo!;
  else Object.assign(parsed, { customerCode1: v.customerCode1!, customerCode2: v.customerCode2! });
  return parsed;
}

/**
 * Reads a Zengin 総合振込 file (domain.md 8.1–8.4) from its decoded text: checks the record order (1, 2…, 8, 9),
 * the 種別コード and that the trailer's count and total match the data records.
 */
export function parseTransferFile(content: string): ParsedTransferFile {
  const records = splitRecords(content);
  const kinds = records.map((r) => r[0]).join('');
  if (!/^12*89$/.test(kinds)) {
    throw ValidationError.of(
      'records',
      'record_order',
      'records must be one header (1), data records (2), one trailer (8) and one end record (9)',
    );
  }
  const h = fields(records[0]!, HEADER_LAYOUT, 'header');
  if (h.typeCode !== '21')
    throw ValidationError.of('header.typeCode', 'type_code', `種別コード ${h.typeCode} is not 21 (総合振込)`);
  const header: ParsedHeader = {
    typeCode: h.typeCode,
    codeKind: h.codeKind!,
    clientCode: h.clientCode!,
    clientName: h.clientName!,
    transferDate: h.transferDate!,
    bankCode: h.bankCode!,
    bankName: h.bankName!,
    branchCode: h.branchCode!,
    branchName: h.branchName!,
    accountType: accountType(h.accountType!, 'header'),
    accountNumber: h.accountNumber!,
  };
  const data = records.slice(1, -2).map((r, i) => parseData(r, `records[${i}]`));
  const t = fields(records[records.length - 2]!, TRAILER_LAYOUT, 'trailer');
  fields(records[records.length - 1]!, END_LAYOUT, 'end');
  const trailer = { count: Number(t.count), total: Number(t.total) };
  if (trailer.count !== data.length) {
    throw ValidationError.of(
      'trailer.count',
      'count_mismatch',
      `合計件数 ${trailer.count} differs from the ${data.length} data records`,
    );
  }
  const sum = data.reduce((s, r) => s + r.amount, 0);
  if (trailer.total !== sum)
    throw ValidationError.of('trailer.total', 'total_mismatch', '合計金額 differs from the sum of 振込金額');
  return { header, records: data, trailer };
}
