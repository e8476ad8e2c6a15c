import { apiAs, type Schemas } from './api.js';
import type { TestBackOffice } from './back-office.js';

/** Synthetic Individual Numbers with valid check digits (domain.md 1.3 and computed the same way). */
export function individualNumber(seed: number): string {
  const base = String(seed).padStart(11, '0').slice(-11);
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(base[i]) * (i < 5 ? 6 - i : 12 - i);
  const r = sum % 11;
  return `${base}${r <= 1 ? 0 : 11 - r}`;
}

export function enrollment(overrides: Partial<Schemas['EnrollMemberDto']> = {}): Schemas['EnrollMemberDto'] {
  return {
    individualNumber: '123456789018',
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    dateOfBirth: '1985-04-12',
    sex: 'male',
    postalCode: '100-0001',
    address: '東京都千代田区千代田1-1',
    officeCode: 'OFF-001',
    symbol: '1001',
    acquisitionDate: '2025-04-01',
    monthlyRemuneration: 300_000,
    ...overrides,
  };
}

export function dependant(overrides: Partial<Schemas['RecognizeDependantDto']> = {}): Schemas['RecognizeDependantDto'] {
  return {
    relationship: 'spouse',
    individualNumber: '983205673214',
    name: '山田 花子',
    nameKana: 'ヤマダ ハナコ',
    dateOfBirth: '1987-08-01',
    sex: 'female',
    recognizedFrom: '2025-04-01',
    expectedAnnualIncome: 500_000,
    sameHousehold: true,
    residence: { inJapan: true },
    disabled: false,
    ...overrides,
  };
}

export async function enroll(
  system: TestBackOffice,
  body: Schemas['EnrollMemberDto'] = enrollment(),
): Promise<Schemas['MemberCommandAnswerDto']> {
  const { data, error, response } = await (await apiAs(system, 'clerk')).POST('/members', { body });
  if (response.status !== 201) throw new Error(`enrollment failed: ${response.status} ${JSON.stringify(error)}`);
  return data!;
}

/** Number of events in the whole store: "nothing written" checks compare it before and after. */
export async function eventCount(system: TestBackOffice): Promise<number> {
  let count = 0;
  let after: number | undefined;
  for (;;) {
    const page = await system.events.readAll({ after, maxCount: 1000 });
    count += page.length;
    if (page.length < 1000) return count;
    after = page.at(-1)!.position;
  }
}
