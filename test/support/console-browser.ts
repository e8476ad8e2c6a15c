import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../apps/back-office-api/src/console/console-assets.js';
import type { TestBackOffice } from './back-office.js';

/** Debian's Chromium (`.ci/run` installs it); Playwright's own browser downloads are not reachable here. */
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts/console');

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) throw new Error('the console is not built: npm run build');
  // launch() gives every run a fresh temporary profile (--user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Listens on a free loopback port; the browser talks to the real API there. */
export async function listen(system: TestBackOffice): Promise<string> {
  await system.app.listen(0, '127.0.0.1');
  const { port } = system.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** The README's pictures: `CONSOLE_README_SHOTS=1 npm run jest -- test/console.e2e` renews them (viewport only, small). */
export const README_SHOTS = resolve(import.meta.dirname, '../../docs/console');

export async function screenshot(page: Page, name: string, readme?: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (readme && process.env.CONSOLE_README_SHOTS) {
    mkdirSync(README_SHOTS, { recursive: true });
    await page.screenshot({ path: join(README_SHOTS, `${readme}.png`) });
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.x A/AA rules on the page as it is now (evaluated over the DevTools protocol, so CSP allows it). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Opens a console address (a reload: the in-memory token is gone) and signs in as this user and role to reach it. */
export async function signIn(
  page: Page,
  baseUrl: string,
  role: string,
  user: string,
  path = '/console/',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel(/役割|Role/).selectOption(role);
  await page.getByLabel(/利用者 ID|User id/).fill(user);
  await page.getByRole('button', { name: /サインイン|Sign in/ }).click();
  await page.getByRole('button', { name: /サインアウト|Sign out/ }).waitFor();
}
