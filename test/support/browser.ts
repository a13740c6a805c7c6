/**
 * A real browser for the console's tests and screenshots: Debian's Chromium (`apt-get install
 * chromium`; .ci/run installs it) driven by playwright-core, which downloads no browser of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const consoleBuild = join(import.meta.dirname, '..', '..', 'console', 'dist', 'index.html');

/** `CHROMIUM_PATH`, or where Debian installs it. */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...chromiumCandidates].find((path) => path && existsSync(path));
  if (!found) throw new Error('No Chromium: run `apt-get install -y chromium` or set CHROMIUM_PATH');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(consoleBuild)) throw new Error('The console is not built: run `npm run build:console`');
  return chromium.launch({
    executablePath: chromiumPath(),
    // As root (CI containers) Chromium's sandbox cannot start; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** Viewports the layout must work at. */
export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};

/** A fresh page (own storage) on the console of the API at `baseUrl`. */
export async function consolePage(browser: Browser, baseUrl: string, viewport = viewports.desktop): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  return context.newPage();
}

/** Signs in on the sign-in screen and waits for the signed-in layout. */
export async function signIn(page: Page, credential: string, path = '/console/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('API key or admin JWT').fill(credential);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. Its source is evaluated
 * through the DevTools protocol, which the console's CSP (`script-src 'self'`) does not govern.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // Text, not a function: the tests' TypeScript has no DOM types.
  const violations = await page.evaluate<
    { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
  >('axe.run().then((result) => result.violations)');
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}
