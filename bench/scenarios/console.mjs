import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCaughtUp } from '../lib/loaded-app.mjs';
import { ROOT } from '../lib/context.mjs';
import { check, notAvailable, result } from '../lib/result.mjs';
import { startBackOffice } from '../lib/server.mjs';
import { summarize } from '../lib/stats.mjs';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/**
 * Issue 17.6: the console in Debian's Chromium against the read models of 100,000 members. A clerk signs in, then,
 * for members picked across the data set: searches by 記号/番号 (search → results on screen) and opens the member
 * (click → identity, coverage, claims and payouts on screen). Each figure is a full page's time as the person sees
 * it; the baseline is the same API calls made by this process without a browser, in the same run.
 */
export default {
  name: 'console',
  title: 'Console pages in Chromium (search, member page)',
  async run(ctx) {
    if (!existsSync(CHROMIUM)) return notAvailable(`${CHROMIUM} is missing (apt-get install -y chromium)`);
    if (!existsSync(join(ROOT, 'apps/console/dist/index.html')))
      return notAvailable('the console is not built (npm run build)');
    const members = ctx.members;
    const dataset = await ctx.dataset(members);
    const persons = JSON.parse(readFileSync(dataset.personsFile, 'utf8')).filter((p) => p.personId === 'insured');
    const samples = pickAcross(persons, ctx.quick ? 3 : 30);
    const dataDir = ctx.shared.get(`caught-up-${members}`) ?? (await catchUp(ctx, dataset));
    // Development mode for the development sign-in (production would go through an identity provider).
    const app = await startBackOffice({ dataDir, env: { NODE_ENV: 'development' } });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const firstLoad = await timed(async () => {
        await page.goto(`${app.url}/console/`);
        await page.locator('#sign-in-role').waitFor();
      });
      await page.locator('#sign-in-role').selectOption('clerk');
      await page.getByRole('button', { name: 'サインイン' }).click();
      await page.locator('#search-symbol').waitFor();
      const search = [];
      const memberPage = [];
      // The first round warms up (module caches, prepared statements) and is not counted.
      for (const [round, person] of [samples[0], ...samples].entries()) {
        await page.getByRole('link', { name: '加入者', exact: true }).click();
        await page.locator('#search-symbol').fill(person.symbol);
        await page.locator('#search-number').fill(person.number);
        const searched = await timed(async () => {
          await page.getByRole('button', { name: '検索', exact: true }).click();
          await page.locator(`a[href="/console/members/${person.memberId}"]`).waitFor();
        });
        const opened = await timed(async () => {
          await page.locator(`a[href="/console/members/${person.memberId}"]`).click();
          await page.locator('#member-title').waitFor();
          await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0);
        });
        if (round > 0) {
          search.push(searched);
          memberPage.push(opened);
        }
      }
      const token = await app.token('clerk');
      const raw = [];
      for (const person of samples) raw.push(await timed(() => apiCalls(app.url, token, person)));
      const s = summarize(search);
      const m = summarize(memberPage);
      const r = summarize(raw);
      return result({
        system: {
          value: m.max,
          unit: 'ms max, member page',
          memberPage: m,
          search: s,
          firstLoadMs: Math.round(firstLoad),
        },
        baseline: { value: r.max, unit: 'ms max, the same API calls without a browser', ...r },
        ratio: r.p50 / m.p50,
        checks: [check('member page max ms', m.max, '<', 1000), check('search max ms', s.max, '<', 1000)],
        notes: [
          `${samples.length} members of ${members}, each searched by 記号/番号 and opened; first load of /console ${Math.round(firstLoad)} ms; ratio = raw p50 / page p50`,
        ],
      });
    } finally {
      await browser.close();
      await app.stop();
    }
  },
};

async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function pickAcross(list, count) {
  const step = Math.max(1, Math.floor(list.length / count));
  return Array.from({ length: Math.min(count, list.length) }, (_, i) => list[i * step]);
}

/** What the two pages ask the API: the search, then the member, their claims and held payouts. */
async function apiCalls(url, token, person) {
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path) => {
    const res = await fetch(`${url}${path}`, { headers });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  await get(`/members?symbol=${person.symbol}&number=${person.number}&limit=20`);
  await Promise.all([
    get(`/members/${person.memberId}`),
    get(`/benefit-claims?memberId=${person.memberId}&limit=100`),
    get(`/payouts?memberId=${person.memberId}&status=held&limit=100`),
  ]);
}

async function catchUp(ctx, dataset) {
  const dataDir = ctx.dataDirWith(dataset, 'console');
  const { app } = await startCaughtUp({
    dataDir,
    head: dataset.events,
    timeoutMs: ctx.quick ? 120_000 : 1_800_000,
    log: ctx.log,
  });
  await app.stop();
  return dataDir;
}
