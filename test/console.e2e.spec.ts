import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { accessibilityViolations, launchChromium, listen, screenshot, signIn } from './support/console-browser.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { approvedByRule } from './support/payouts.js';

/**
 * The console in Debian's Chromium against the real API (embedded profile): each persona's main path end to end.
 * One system and one browser for the file; each persona signs in in its own browser context (own memory, no shared
 * token). Screenshots go to test/artifacts/console.
 */
describe('console: the four personas in a real browser (issue 17)', () => {
  let system: TestBackOffice;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const member = { id: '', name: '鈴木 一郎', kana: 'スズキ イチロウ', number: individualNumber(17_170_001) };

  async function personaPage(role: string, user: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, base, role, user);
    return page;
  }
  const api = (method: 'get' | 'post', path: string, token: string) =>
    request(system.http)[method](path).set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    system = await startTestBackOffice({ RATE_LIMIT_PER_MINUTE: '0' });
    base = await listen(system);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await system?.close();
  });

  it('clerk: enrolls a member, adds a dependant (one record for a double click), registers the account, submits a claim', async () => {
    const page = await personaPage('clerk', 'clerk-1');
    await page.getByRole('heading', { name: '加入者の検索' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '1-members-search', 'members-search');

    await page.getByRole('link', { name: '資格取得の届出' }).click();
    const enroll: Record<string, string> = {
      individualNumber: member.number,
      name: member.name,
      nameKana: member.kana,
      dateOfBirth: '1980-05-05',
      postalCode: '100-0001',
      address: '東京都千代田区千代田1-1',
      officeCode: 'OFF-017',
      symbol: '1717',
      acquisitionDate: '2025-04-01',
      monthlyRemuneration: '410000',
    };
    for (const [name, value] of Object.entries(enroll)) await page.locator(`#enroll-${name}`).fill(value);
    await page.locator('#enroll-sex').selectOption('male');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '2-enrollment-form', 'enrollment');
    await page.getByRole('button', { name: '資格取得を登録' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(member.name) }).waitFor();
    member.id = new URL(page.url()).pathname.split('/').at(-1)!;

    // A dependant: first with a wrong number (the API's violation shows under that field), then right, double-clicked.
    await page.locator('#action-choice').selectOption('dependant');
    const dependant: Record<string, string> = {
      individualNumber: '123456789012',
      name: '鈴木 花子',
      nameKana: 'スズキ ハナコ',
      dateOfBirth: '1982-02-02',
      recognizedFrom: '2025-04-01',
      expectedAnnualIncome: '0',
    };
    for (const [name, value] of Object.entries(dependant)) await page.locator(`#action-dependant-${name}`).fill(value);
    await page.locator('#action-dependant-relationship').selectOption('spouse');
    await page.locator('#action-dependant-sex').selectOption('female');
    await page.getByRole('button', { name: '登録する' }).click();
    const numberError = page.locator('#action-dependant-individualNumber-error');
    await numberError.waitFor();
    expect(await numberError.textContent()).toContain('チェックデジットが合いません');
    expect(await page.locator('#action-dependant-individualNumber').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '3-dependant-violation', 'form-violation');
    await page.locator('#action-dependant-individualNumber').fill(individualNumber(17_170_002));
    await page.getByRole('button', { name: '登録する' }).dblclick();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    await page.getByRole('cell', { name: /鈴木 花子/ }).waitFor();
    const summary = await api('get', `/members/${member.id}`, await system.token('clerk')).expect(200);
    expect(summary.body.dependants).toHaveLength(1);

    // Someone else changes the member behind this page: the next command is refused as stale, the page says reload.
    await api('post', `/members/${member.id}/remuneration-revisions`, await system.token('clerk', 'clerk-2'))
      .send({ effectiveFrom: '2025-09', kind: 'periodic', monthlyRemuneration: 420000 })
      .expect(200);
    await page.locator('#action-choice').selectOption('account');
    const account = { bankCode: '0001', branchCode: '001', accountNumber: '7654321', holderName: 'ｽｽﾞｷ ｲﾁﾛｳ' };
    for (const [name, value] of Object.entries(account)) await page.locator(`#action-account-${name}`).fill(value);
    await page.locator('#action-account-accountType').selectOption('ordinary');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('別の人がこの記録を変更しました').waitFor();
    await screenshot(page, '4-stale-page');
    await page.getByRole('button', { name: '再読み込み' }).click();
    await page.getByRole('cell', { name: '2025-09' }).waitFor();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    await page.getByText('***4321').waitFor();

    await page.locator('#action-choice').selectOption('claim');
    await page.locator('#action-claim-personId').selectOption('insured');
    await page.locator('#action-claim-benefit-kind').selectOption('childbirth-grant');
    await page.locator('#action-claim-benefit-birthDate').fill('2025-08-01');
    await page.locator('#action-claim-payment-method').selectOption('public-funds');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('link', { name: '出産育児一時金' }).waitFor();
    expect(await page.getByRole('cell', { name: '500,000円' }).count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '5-member-page', 'member-page');
  }, 180_000);

  it('approver: sees the claim with its amount and breakdown and approves it; a four-eyes refusal is said plainly', async () => {
    const page = await personaPage('approver', 'approver-1');
    await page.getByRole('heading', { name: '承認待ちの申請' }).waitFor();
    await page.getByRole('cell', { name: '500,000円' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '6-approvals');
    await page.getByRole('link', { name: '出産育児一時金を確認' }).click();
    await page.getByRole('heading', { name: '金額の計算' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '7-claim-breakdown', 'claim-approval');
    await page.getByRole('button', { name: '承認する' }).click();
    await page.locator('.status', { hasText: '承認済み' }).waitFor();

    // Someone who holds both roles cannot approve the claim they recorded as a clerk: the refusal names the rule.
    const clerkSide = await system.token('clerk', 'dual-1');
    const claim = await api('post', `/members/${member.id}/benefit-claims`, clerkSide)
      .send({
        personId: 'insured',
        benefit: {
          kind: 'medical-expense-reimbursement',
          treatmentDate: '2025-10-01',
          paidOn: '2025-10-01',
          recognizedCost: 10000,
          amountPaid: 10000,
        },
        payment: { method: 'public-funds' },
      })
      .expect(201);
    const dualPage = await personaPage('approver', 'dual-1');
    // A deep link opened in a new load signs in again (the token lives in memory only) and comes back to it.
    await signIn(dualPage, base, 'approver', 'dual-1', `/console/claims/${claim.body.claimId}`);
    await dualPage.getByRole('button', { name: '承認する' }).click();
    await dualPage.getByRole('alert').filter({ hasText: 'ダブルチェック' }).waitFor();
    await screenshot(dualPage, '8-four-eyes-refusal');
    const after = await api('get', `/benefit-claims/${claim.body.claimId}`, clerkSide).expect(200);
    expect(after.body.status).toBe('submitted');
  }, 120_000);

  it('payment operator: runs the payout, follows it to the end, downloads the Zengin file, records the bank results, opens the dashboard', async () => {
    const operator = await system.token('payment-operator', 'operator-1');
    await waitFor(async () => {
      const res = await api('get', `/payouts?memberId=${member.id}&status=due`, operator).expect(200);
      return res.body.items.length === 1;
    });
    const page = await personaPage('payment-operator', 'operator-1');
    await page.getByRole('heading', { name: '支払処理' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '支払処理を今すぐ開始' }).click();
    await page.getByText('処理が終わりました').waitFor({ timeout: 60_000 });
    const runId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '9-payout-run', 'payout-run');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /振込ファイルをダウンロード/ }).click(),
    ]);
    const saved = await download.path();
    const { readFileSync } = await import('node:fs');
    const file = await api('get', `/payout-runs/${runId}/transfer-file`, operator)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(readFileSync(saved).equals(file.body as Buffer)).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^zengin-.*\.txt$/);

    await page.getByLabel('レコード 1 の結果').selectOption('accepted');
    await page.getByRole('button', { name: '結果を登録' }).click();
    await page.getByText('結果登録済み').waitFor();
    const paid = await api('get', `/payouts?memberId=${member.id}`, operator).expect(200);
    expect(paid.body.items.map((p: { status: string }) => p.status)).toEqual(['settled']);

    // The queue dashboard opens in a new tab with the console's sign-in (a cookie only /queues receives).
    const [dashboard] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: /キュー ダッシュボード/ }).click(),
    ]);
    await dashboard.waitForURL(/\/queues\/$/);
    await dashboard.waitForLoadState();
    expect(await dashboard.title()).not.toBe('');
    expect(await dashboard.content()).not.toContain('missing_token');
    await screenshot(dashboard, '10-queue-dashboard');
  }, 180_000);

  it('compliance officer: sees the state before and after a late-recorded loss, the history, the integrity check, the access log', async () => {
    const beforeLoss = new Date(Math.floor(Date.now() / 1000) * 1000);
    await new Promise((r) => setTimeout(r, 1_100));
    await api('post', `/members/${member.id}/loss-of-eligibility`, await system.token('clerk'))
      .send({ reason: 'other', lossDate: '2025-06-01', note: 'late notice from the employer' })
      .expect(200);

    const page = await personaPage('compliance-officer', 'compliance-1');
    await page.locator('#pick-kana').fill('スズキ');
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByRole('button', { name: new RegExp(member.name) }).click();
    const japan = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' }).replace(' ', 'T');
    await page.locator('#state-as-of').fill(japan(beforeLoss));
    await page.locator('#state-effective-on').fill('2025-07-01');
    await page.getByRole('button', { name: '表示' }).click();
    await page.locator('[data-testid=member-state] td.yes').first().waitFor();
    await screenshot(page, '11-state-before-loss');

    await page.locator('#state-as-of').fill(japan(new Date(Date.now() + 60_000)));
    await page.getByRole('button', { name: '表示' }).click();
    await page.locator('[data-testid=member-state] td.no').first().waitFor();
    expect(await page.locator('[data-testid=member-state] td.yes').count()).toBe(0);
    await page
      .getByRole('cell', { name: /資格喪失/ })
      .first()
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '12-state-after-loss', 'compliance-state');

    await page.getByRole('tab', { name: /改ざん検知/ }).click();
    await page.getByText('改ざんは見つかりませんでした').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '13-integrity');

    // A clerk's reveal shows in the access log with who (and in which role) looked, and why.
    await api('post', `/members/${member.id}/individual-number/reveal`, await system.token('clerk', 'clerk-9'))
      .send({ personId: 'insured', purpose: 'eligibility-loss-notification' })
      .expect(200);
    await page.getByRole('tab', { name: 'アクセス記録' }).click();
    await page.getByRole('cell', { name: 'clerk-9 (事務担当)' }).waitFor();
    await page.getByRole('cell', { name: '資格喪失届' }).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 120_000);

  it('clerk: finds a member whose benefit is held (page times printed), gives the payout an account and releases it', async () => {
    // An automatic benefit paid to a public-funds account the member never registered: held (issue 13.4).
    const held = await enroll(
      system,
      enrollment({ individualNumber: individualNumber(17_170_003), name: '高橋 三郎', nameKana: 'タカハシ サブロウ' }),
    );
    const payoutId = await approvedByRule(system.events, held.memberId, 80_000);
    const clerk = await system.token('clerk', 'clerk-3');
    await waitFor(async () => {
      const res = await api('get', '/payouts?status=held', clerk).expect(200);
      return res.body.items.some((p: { payoutId: string }) => p.payoutId === payoutId);
    });

    // Issue 17.6: how long the search and the member page take here, as the clerk sees them (printed, not asserted:
    // the figure against 100,000 members is bench/scenarios/console.mjs's).
    const page = await personaPage('clerk', 'clerk-3');
    await page.locator('#search-nameKana').fill('タカハシ');
    const searchMs = await timed(async () => {
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.locator(`a[href="/console/members/${held.memberId}"]`).waitFor();
    });
    const memberPageMs = await timed(async () => {
      await page.locator(`a[href="/console/members/${held.memberId}"]`).click();
      await page.locator('#member-title').waitFor();
      // A function, not a string: a string is polled with eval in the page, which the console's CSP refuses.
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
          ).document.querySelectorAll('.loading').length === 0,
      );
    });
    process.stdout.write(`console page times (issue 17.6): search ${searchMs} ms, member page ${memberPageMs} ms\n`);
    expect(await page.getByRole('cell', { name: '80,000円' }).count()).toBeGreaterThan(0);

    // Later automatic benefits go to a benefit account; the one already held waits for its own release below.
    await page.locator('#action-choice').selectOption('automatic-payment');
    await page.locator('#action-automatic-payment-method').selectOption('account');
    const benefitAccount = { bankCode: '0001', branchCode: '001', accountNumber: '1112223', holderName: 'ﾀｶﾊｼ ｻﾌﾞﾛｳ' };
    for (const [name, value] of Object.entries(benefitAccount))
      await page.locator(`#action-automatic-payment-account-${name}`).fill(value);
    await page.locator('#action-automatic-payment-account-accountType').selectOption('ordinary');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('status').filter({ hasText: '登録しました' }).waitFor();
    const chosen = (await system.events.readStream(`member-${held.memberId}`)).filter(
      (e) => e.type === 'AutomaticBenefitPaymentChosen',
    );
    expect(chosen).toHaveLength(1);
    expect(JSON.stringify(chosen[0]!.data)).toContain('"method":"account"');

    await page.getByRole('link', { name: '支払', exact: true }).click();
    await page.getByRole('heading', { name: '保留中の支払' }).waitFor();
    await page.getByRole('cell', { name: '公金受取口座を選んだが未登録' }).waitFor();
    // By keyboard only: the button opens the form with the focus in its first field; Tab goes field to field.
    await page.getByRole('button', { name: '口座を指定して解除（80,000円）' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#release-bankCode:focus').waitFor();
    await page.keyboard.type('0001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('001');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // 普通
    await page.keyboard.press('Tab');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('ﾀｶﾊｼ ｻﾌﾞﾛｳ');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('加入者から電話で口座の連絡あり');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // The rule in Japanese, the API's own words after it.
    expect(await page.locator('#release-accountNumber-error').textContent()).toBe(
      '形式が正しくありません（accountNumber must be 7 digits）',
    );
    expect(await page.locator('#release-accountType').inputValue()).toBe('ordinary');
    expect(await page.locator('#release-accountNumber').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '14-held-payout-release');
    await page.locator('#release-accountNumber').fill('2345678');
    await page.getByRole('button', { name: '口座を指定して保留を解除' }).dblclick();
    await page.getByRole('status').filter({ hasText: '保留を解除しました' }).waitFor();

    const operator = await system.token('payment-operator');
    await waitFor(async () => (await api('get', `/payouts/${payoutId}`, operator).expect(200)).body.status === 'due');
    const released = await api('get', `/payouts/${payoutId}`, operator).expect(200);
    expect(released.body).toMatchObject({
      accountSource: 'clerk',
      account: { accountNumber: '***5678' },
      accountReplaced: { reason: '加入者から電話で口座の連絡あり', by: 'clerk-3' },
    });
    // The double click recorded one replacement: the stream holds one PayoutAccountReplaced.
    const events = await system.events.readStream(`payout-${payoutId}`);
    expect(events.filter((e) => e.type === 'PayoutAccountReplaced')).toHaveLength(1);
    await page.getByText('保留中の支払はありません。').waitFor();
  }, 120_000);
});

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return Math.round(performance.now() - started);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
