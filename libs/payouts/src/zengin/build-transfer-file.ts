import { assertNoViolations, partsOf, yen } from '@kenpo/kernel';
import type { Violation, Yen } from '@kenpo/kernel';
import { RecordWriter } from './zengin-field.js';
import {
  ACCOUNT_TYPE_CODES,
  DATA as D,
  EDI_INFO_FIELD,
  END as E,
  HEADER as H,
  RECIPIENT_ACCOUNT_TYPES,
  SENDER_ACCOUNT_TYPES,
  TRAILER as T,
} from './zengin-layout.js';
import type { BankAccountType } from './zengin-layout.js';
import type { TransferFile, TransferFileInput, ZenginSender, ZenginTransfer } from './transfer-file.types.js';

/** 総合振込 (domain.md 8.4). */
export const GENERAL_TRANSFER_TYPE_CODE = '21';
/** N(10) per data record and N(12) for the trailer total (domain.md 8.4, amount limits). */
export const MAX_RECORD_AMOUNT = 9_999_999_999;
export const MAX_FILE_TOTAL = 999_999_999_999;
const MAX_RECORDS = 999_999;

function accountTypeCode(w: RecordWriter, type: BankAccountType, allowed: readonly BankAccountType[]): string {
  if (allowed.includes(type)) return ACCOUNT_TYPE_CODES[type];
  w.violations.push({
    field: `${w.path}accountType`,
    rule: 'account_type',
    message: `預金種目 must be one of ${allowed.join(', ')}`,
  });
  return '';
}

function header(input: TransferFileInput, truncate: boolean): RecordWriter {
  const s: ZenginSender = input.sender;
  const { month, day } = partsOf(input.transferDate);
  const w = new RecordWriter('sender.');
  w.numeric(H.dataKind, '1')
    .numeric(H.typeCode, GENERAL_TRANSFER_TYPE_CODE)
    .numeric(H.codeKind, '0')
    .numeric(H.clientCode, s.clientCode, { exact: true, required: true })
    .text(H.clientName, s.clientName, { fieldClass: 'party', truncate, required: true })
    .numeric(H.transferDate, `${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`)
    .numeric(H.bankCode, s.bankCode, { exact: true, required: true })
    .text(H.bankName, s.bankName, { fieldClass: 'bank', truncate })
    .numeric(H.branchCode, s.branchCode, { exact: true, required: true })
    .text(H.branchName, s.branchName, { fieldClass: 'bank', truncate })
    .numeric(H.accountType, accountTypeCode(w, s.accountType, SENDER_ACCOUNT_TYPES))
    .numeric(H.accountNumber, s.accountNumber, { required: true })
    .blank(H.dummy);
  return w;
}

function dataRecord(r: ZenginTransfer, index: number, input: TransferFileInput, truncate: boolean): RecordWriter {
  const w = new RecordWriter(`records[${index}].`);
  const edi = r.ediInfo !== undefined;
  w.numeric(D.dataKind, '2')
    .numeric(D.bankCode, r.bankCode, { exact: true, required: true })
    .text(D.bankName, r.bankName, { fieldClass: 'bank', truncate })
    .numeric(D.branchCode, r.branchCode, { exact: true, required: true })
    .text(D.branchName, r.branchName, { fieldClass: 'bank', truncate })
    .numeric(D.clearingHouseCode, r.clearingHouseCode, { exact: true })
    .numeric(D.accountType, accountTypeCode(w, r.accountType, RECIPIENT_ACCOUNT_TYPES))
    .numeric(D.accountNumber, r.accountNumber, { required: true })
    .text(D.holderName, r.holderName, { fieldClass: 'party', truncate, required: true, ...allowWo(input) })
    .numeric(D.amount, r.amount, { required: true })
    .numeric(D.newCode, r.newCode ?? '0', { exact: true });
  if (edi) {
    if (r.customerCode1 !== undefined || r.customerCode2 !== undefined) {
      w.violations.push({
        field: `${w.path}ediInfo`,
        rule: 'exclusive',
        message: 'EDI情報 replaces 顧客コード1/2; give one or the other',
      });
    }
    w.text(EDI_INFO_FIELD, r.ediInfo, { fieldClass: 'edi', truncate: false });
  } else {
    w.numeric(D.customerCode1, r.customerCode1).numeric(D.customerCode2, r.customerCode2);
  }
  w.numeric(D.transferDesignation, input.options?.transferDesignation ?? '7', { exact: true })
    .text(D.ediFlag, edi ? 'Y' : '', { fieldClass: 'party', truncate: false })
    .blank(D.dummy);
  if (!Number.isSafeInteger(r.amount) || r.amount < 1 || r.amount > MAX_RECORD_AMOUNT) {
    w.violations.push({
      field: `${w.path}amount`,
      rule: 'amount_range',
      message: `振込金額 must be a whole number of yen from 1 to ${MAX_RECORD_AMOUNT}`,
    });
  }
  return w;
}

function allowWo(input: TransferFileInput): { allowWo?: boolean } {
  return input.options?.allowWo === undefined ? {} : { allowWo: input.options.allowWo };
}

/**
 * A Zengin 総合振込 file written record by record (domain.md 8.1–8.4), for files too big to hold at once (issue 16.5):
 * `header()`, then `record()` per transfer, then `end()` for the trailer (count and sum) and end record. Violations
 * are collected as they come and `end()` throws one ValidationError naming every offending field, exactly as
 * buildTransferFile does; the records given out before then must be discarded.
 */
export class TransferFileEncoder {
  private readonly truncate: boolean;
  private readonly separator: string;
  private readonly violations: Violation[] = [];
  private count = 0;
  private total = 0;

  constructor(private readonly input: Omit<TransferFileInput, 'records'>) {
    this.truncate = input.options?.truncateNames ?? true;
    this.separator = (input.options?.lineSeparator ?? 'CRLF') === 'CRLF' ? '\r\n' : '';
  }

  header(): string {
    return this.take(header(this.input as TransferFileInput, this.truncate));
  }

  record(transfer: ZenginTransfer): string {
    const written = this.take(dataRecord(transfer, this.count, this.input as TransferFileInput, this.truncate));
    this.count++;
    this.total += transfer.amount;
    return written;
  }

  /** The trailer and end record, with the file's count and total; throws if any record so far broke a rule. */
  end(): { content: string; records: string[]; count: number; total: Yen } {
    const violations: Violation[] = [];
    if (this.count === 0)
      violations.push({
        field: 'records',
        rule: 'not_empty',
        message: 'a transfer file needs at least one data record',
      });
    if (this.count > MAX_RECORDS)
      violations.push({
        field: 'records',
        rule: 'count_range',
        message: `合計件数 allows at most ${MAX_RECORDS} records`,
      });
    violations.push(...this.violations);
    if (Number.isSafeInteger(this.total) && this.total > MAX_FILE_TOTAL) {
      violations.push({ field: 'records', rule: 'total_range', message: `合計金額 must not exceed ${MAX_FILE_TOTAL}` });
    }
    assertNoViolations(violations);
    const trailer = new RecordWriter('trailer.')
      .numeric(T.dataKind, '8')
      .numeric(T.count, this.count)
      .numeric(T.total, this.total)
      .blank(T.dummy)
      .build();
    const end = new RecordWriter('end.').numeric(E.dataKind, '9').blank(E.dummy).build();
    return {
      content: trailer + this.separator + end + this.separator,
      records: [trailer, end],
      count: this.count,
      total: yen(this.total),
    };
  }

  private take(w: RecordWriter): string {
    if (w.violations.length > 0) this.violations.push(...w.violations);
    return w.build() + this.separator;
  }
}

/**
 * Builds a Zengin 総合振込 file (domain.md 8.1–8.4): header, one data record per transfer, trailer with the
 * count and sum, end record. Throws one ValidationError naming every offending field.
 */
export function buildTransferFile(input: TransferFileInput): TransferFile {
  const encoder = new TransferFileEncoder(input);
  const separator = (input.options?.lineSeparator ?? 'CRLF') === 'CRLF' ? 2 : 0;
  const written = [encoder.header(), ...input.records.map((r) => encoder.record(r))];
  const last = encoder.end();
  const records = [...written.map((r) => r.slice(0, r.length - separator)), ...last.records];
  return { records, content: written.join('') + last.content, count: last.count, total: last.total };
}
