/**
 * The statutory purposes for which this society may look at an Individual Number in clear (domain.md 9).
 * A 健保組合 is a 個人番号利用事務実施者 (番号法第9条第1項 and its 別表: 健康保険法による保険給付の支給又は保険料等の
 * 徴収に関する事務) [P105]; use is limited to the health-insurance procedures enumerated in 番号法 and
 * 健康保険法施行規則 [P106c]; the MHLW/健保連 guidance recommends narrowly defined purposes [P109].
 * Each entry names the procedure; nothing outside this list is a lawful reason to reveal a number.
 */
export const INDIVIDUAL_NUMBER_PURPOSES = {
  /** 被保険者資格取得届 (健康保険法施行規則: the form carries the 個人番号) [P106c]. */
  'eligibility-acquisition-notification': '資格取得届の受付・処理',
  /** 被保険者資格喪失届 [P106c]. */
  'eligibility-loss-notification': '資格喪失届の受付・処理',
  /** 被扶養者(異動)届: recognition and removal of dependants [P106c]. */
  'dependant-recognition': '被扶養者認定・異動の事務',
  /** 保険給付の支給 (傷病手当金, 出産手当金, 出産育児一時金, 埋葬料, 療養費...) — 番号法 別表 [P105]. */
  'benefit-claim': '保険給付の支給に関する事務',
  /** 高額療養費 and 限度額適用認定 [P105], [P106c]. */
  'high-cost-care': '高額療養費・限度額適用認定の事務',
  /** 保険料等の徴収 (e.g. 任意継続被保険者の保険料) — 番号法 別表 [P105]. */
  'premium-collection': '保険料等の徴収に関する事務',
  /** 情報提供ネットワークシステムによる情報照会・提供 (番号法第19条; linkage from 2017-07) [P105], [P106]. */
  'information-network-inquiry': '情報提供ネットワークシステムによる情報照会・提供',
  /** 医療保険者等向け中間サーバーへの資格情報(副本)の登録 [P108]. */
  'intermediary-server-registration': '中間サーバーへの資格情報登録',
} as const;

export type IndividualNumberPurpose = keyof typeof INDIVIDUAL_NUMBER_PURPOSES;
export const INDIVIDUAL_NUMBER_PURPOSE_CODES = Object.keys(INDIVIDUAL_NUMBER_PURPOSES) as IndividualNumberPurpose[];

export function isIndividualNumberPurpose(value: unknown): value is IndividualNumberPurpose {
  return typeof value === 'string' && Object.hasOwn(INDIVIDUAL_NUMBER_PURPOSES, value);
}
