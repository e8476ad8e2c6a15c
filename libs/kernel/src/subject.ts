/**
 * The identity behind a token's subject, for separation of duties (four-eyes): "Clerk-1", " clerk-1 " and the
 * full-width "ｃｌｅｒｋ－１" are one person. Unicode NFKC, whitespace removed, case folded.
 */
export function normalisedSubject(subject: string): string {
  return subject.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

export function sameSubject(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && normalisedSubject(a) === normalisedSubject(b);
}
