import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { consolePage, launchBrowser, seriousAccessibilityViolations, signIn, viewports } from '../support/browser.js';

// Page-side expressions as text: the tests' TypeScript has no DOM types.
const storedCredential = `sessionStorage.getItem('convo-pilot.credential')`;

describe('Console shell: sign-in, navigation by scope, sign-out (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const navLinks = async (page: import('playwright-core').Page) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

  it('an admin key signs in and sees every screen in the navigation; the page has no serious a11y violations', async () => {
    const page = await consolePage(browser, h.api.url);
    await page.goto('/console/');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await signIn(page, h.adminKey);
    expect(await navLinks(page)).toEqual(['Inbox', 'Settings → AI', 'Settings → Channels', 'Agents']);
    // The start page leads to the first screen these credentials may use.
    await page.waitForURL('**/console/inbox');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Inbox');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a key with conversation scopes only sees the inbox, and is told when it opens a screen it may not use', async () => {
    const created = await h.request('post', '/v1/api-keys', {
      body: { name: 'Support desk', scopes: ['conversations.readonly'] },
    });
    const page = await consolePage(browser, h.api.url);
    await signIn(page, created.body.key);
    expect(await navLinks(page)).toEqual(['Inbox']);
    await expect(page.getByText('Support desk').textContent()).resolves.toBe('Support desk');
    await page.goto('/console/settings/ai');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByText('lack the scope').textContent()).toContain('admin');
    await page.context().close();
  });

  it('an admin JWT signs in too', async () => {
    const page = await consolePage(browser, h.api.url);
    await signIn(page, await h.adminJwt());
    expect(await navLinks(page)).toContain('Settings → AI');
    expect(await page.getByText('Ada Admin').isVisible()).toBe(true);
    await page.context().close();
  });

  it('a wrong key gets the API’s error in words, and stays signed out', async () => {
    const page = await consolePage(browser, h.api.url);
    await page.goto('/console/');
    await page.getByLabel('API key or admin JWT').fill('cp_wrong-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Invalid API key');
    expect(await alert.textContent()).toContain('401');
    expect(await page.evaluate(storedCredential)).toBeNull();
    await page.context().close();
  });

  it('keeps the credential in sessionStorage only (a reload stays signed in); sign out forgets it', async () => {
    const page = await consolePage(browser, h.api.url);
    await signIn(page, h.adminKey);
    const stored = async () => ({
      session: await page.evaluate(storedCredential),
      local: await page.evaluate<number>('localStorage.length'),
    });
    expect(await stored()).toEqual({ session: h.adminKey, local: 0 });
    expect(await page.context().cookies()).toEqual([]);

    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await stored()).toEqual({ session: null, local: 0 });
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.context().close();
  });

  it('a key revoked while signed in ends the session with the reason in words, not a blank screen', async () => {
    const created = await h.request('post', '/v1/api-keys', { body: { name: 'Soon revoked', scopes: ['admin'] } });
    const page = await consolePage(browser, h.api.url);
    // Signed in on a screen that does not poll: the next API call is the one the click makes (the
    // inbox, the start page, polls and would sign out on its own before the click).
    await signIn(page, created.body.key, '/console/settings/ai');
    await page.getByRole('table', { name: 'In force' }).waitFor();
    expect((await h.request('delete', `/v1/api-keys/${created.body.id}`)).status).toBe(204);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('You were signed out: Invalid API key');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await page.evaluate(storedCredential)).toBeNull();
    await page.context().close();
  });

  it('fits a phone’s width: no sideways scrolling, the navigation wraps', async () => {
    const page = await consolePage(browser, h.api.url, viewports.phone);
    await signIn(page, h.adminKey, '/console/settings/ai');
    await page.getByRole('table').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('link', { name: 'Agents' }).isVisible()).toBe(true);
    await page.context().close();
  });
});
