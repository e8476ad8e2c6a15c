/**
 * 保険者番号 check digit (domain.md 2.2, MHLW 保険者番号設定要領): the 7 digits law code + prefecture + insurer are
 * weighted 2,1,2,1... from the last digit; two-digit products count as the sum of their digits; the check digit is
 * 10 minus the last digit of the sum (0 when that is 0).
 */
export function insurerNumberCheckDigit(sevenDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const digit = Number(sevenDigits[6 - i]);
    const product = digit * (i % 2 === 0 ? 2 : 1);
    sum += product >= 10 ? Math.floor(product / 10) + (product % 10) : product;
  }
  const last = sum % 10;
  return last === 0 ? 0 : 10 - last;
}

/** An 8-digit employee-insurance insurer number with a valid check digit. */
export function isValidInsurerNumber(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{8}$/.test(value) &&
    insurerNumberCheckDigit(value.slice(0, 7)) === Number(value[7])
  );
}
