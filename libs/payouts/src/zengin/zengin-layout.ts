/**
 * Field layouts of the Zengin 総合振込 records (domain.md 8.1–8.3), one table per データ区分. Positions are 1-based
 * and kept next to the lengths so a test can prove they are contiguous and add up to 120.
 * N = digits, right-aligned, zero-padded; C = half-width characters, left-aligned, space-padded.
 */
export interface ZenginField {
  key: string;
  label: string;
  type: 'N' | 'C';
  len: number;
  pos: number;
}

export const RECORD_LENGTH = 120;

const f = (key: string, label: string, type: 'N' | 'C', len: number, pos: number): ZenginField => ({
  key,
  label,
  type,
  len,
  pos,
});

export const HEADER = {
  dataKind: f('dataKind', 'データ区分', 'N', 1, 1),
  typeCode: f('typeCode', '種別コード', 'N', 2, 2),
  codeKind: f('codeKind', 'コード区分', 'N', 1, 4),
  clientCode: f('clientCode', '振込依頼人コード', 'N', 10, 5),
  clientName: f('clientName', '振込依頼人名', 'C', 40, 15),
  transferDate: f('transferDate', '振込指定日', 'N', 4, 55),
  bankCode: f('bankCode', '仕向銀行番号', 'N', 4, 59),
  bankName: f('bankName', '仕向銀行名', 'C', 15, 63),
  branchCode: f('branchCode', '仕向支店番号', 'N', 3, 78),
  branchName: f('branchName', '仕向支店名', 'C', 15, 81),
  accountType: f('accountType', '預金種目(依頼人)', 'N', 1, 96),
  accountNumber: f('accountNumber', '口座番号(依頼人)', 'N', 7, 97),
  dummy: f('dummy', 'ダミー', 'C', 17, 104),
} as const satisfies Record<string, ZenginField>;
export const HEADER_LAYOUT: readonly ZenginField[] = Object.values(HEADER);

/** 顧客コード1/2 (N10 each, 92–111) and EDI情報 (C20, 92–111) share positions; 識別表示 `Y` selects EDI. */
export const DATA = {
  dataKind: f('dataKind', 'データ区分', 'N', 1, 1),
  bankCode: f('bankCode', '被仕向銀行番号', 'N', 4, 2),
  bankName: f('bankName', '被仕向銀行名', 'C', 15, 6),
  branchCode: f('branchCode', '被仕向支店番号', 'N', 3, 21),
  branchName: f('branchName', '被仕向支店名', 'C', 15, 24),
  clearingHouseCode: f('clearingHouseCode', '手形交換所番号', 'N', 4, 39),
  accountType: f('accountType', '預金種目', 'N', 1, 43),
  accountNumber: f('accountNumber', '口座番号', 'N', 7, 44),
  holderName: f('holderName', '受取人名', 'C', 30, 51),
  amount: f('amount', '振込金額', 'N', 10, 81),
  newCode: f('newCode', '新規コード', 'N', 1, 91),
  customerCode1: f('customerCode1', '顧客コード1', 'N', 10, 92),
  customerCode2: f('customerCode2', '顧客コード2', 'N', 10, 102),
  transferDesignation: f('transferDesignation', '振込指定区分', 'N', 1, 112),
  ediFlag: f('ediFlag', '識別表示', 'C', 1, 113),
  dummy: f('dummy', 'ダミー', 'C', 7, 114),
} as const satisfies Record<string, ZenginField>;
export const DATA_LAYOUT: readonly ZenginField[] = Object.values(DATA);

export const EDI_INFO_FIELD: ZenginField = f('ediInfo', 'EDI情報', 'C', 20, 92);

export const TRAILER = {
  dataKind: f('dataKind', 'データ区分', 'N', 1, 1),
  count: f('count', '合計件数', 'N', 6, 2),
  total: f('total', '合計金額', 'N', 12, 8),
  dummy: f('dummy', 'ダミー', 'C', 101, 20),
} as const satisfies Record<string, ZenginField>;
export const TRAILER_LAYOUT: readonly ZenginField[] = Object.values(TRAILER);

export const END = {
  dataKind: f('dataKind', 'データ区分', 'N', 1, 1),
  dummy: f('dummy', 'ダミー', 'C', 119, 2),
} as const satisfies Record<string, ZenginField>;
export const END_LAYOUT: readonly ZenginField[] = Object.values(END);

/** Account type codes of domain.md 8.1 #11 and 8.2 #7 (貯蓄 4 exists on data records only). */
export type BankAccountType = 'ordinary' | 'current' | 'savings' | 'other';
export const ACCOUNT_TYPE_CODES: Readonly<Record<BankAccountType, string>> = {
  ordinary: '1',
  current: '2',
  savings: '4',
  other: '9',
};
export const SENDER_ACCOUNT_TYPES: readonly BankAccountType[] = ['ordinary', 'current', 'other'];
export const RECIPIENT_ACCOUNT_TYPES: readonly BankAccountType[] = ['ordinary', 'current', 'savings', 'other'];

export function accountTypeOfCode(code: string): BankAccountType | undefined {
  return (Object.keys(ACCOUNT_TYPE_CODES) as BankAccountType[]).find((type) => ACCOUNT_TYPE_CODES[type] === code);
}
