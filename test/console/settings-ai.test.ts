import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { consolePage, launchBrowser, seriousAccessibilityViolations, signIn } from '../support/browser.js';

/** The "In force" table's row for a field: its value and the layer it comes from, as shown. */
async function inForce(page: Page, field: string) {
  const row = page.locator(`table.effective tr[data-field="${field}"]`);
  return { value: await row.locator('td.value').textContent(), from: await row.locator('.layer').textContent() };
}

describe('Console: Settings → AI and the AI test page (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let account: { id: string };
  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchBrowser()]);
    account = await h.createChannelAccount('WhatsApp main');
    page = await consolePage(browser, h.api.url);
    await signIn(page, h.adminKey);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the global settings and every value in force with its layer; a change moves the value to the global layer', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings → AI' }).click();
    await page.getByRole('table', { name: 'In force' }).waitFor();
    expect(await inForce(page, 'model_name')).toEqual({ value: 'scripted-model', from: 'service default' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Temperature (0–2)').fill('0.4');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await expect.poll(() => inForce(page, 'temperature')).toEqual({ value: '0.4', from: 'global settings' });
    expect((await h.request('get', '/v1/ai/global')).body.temperature).toBe(0.4);
  });

  it('a per-chat setting changes the effective value and its layer', async () => {
    await page.getByLabel('Layer').selectOption('chat');
    await page.getByLabel('Channel account').selectOption(account.id);
    await page.getByLabel('Chat id').fill('chat-42');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByLabel('AI in this chat').waitFor();
    expect(await inForce(page, 'system_prompt')).toEqual({
      value: 'You are the test assistant.',
      from: 'service default',
    });
    expect(await inForce(page, 'temperature')).toEqual({ value: '0.4', from: 'global settings' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('AI in this chat').selectOption('enabled');
    await page.getByLabel(/Custom system prompt/).fill('Answer in Spanish.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => inForce(page, 'system_prompt')).toEqual({ value: 'Answer in Spanish.', from: 'this chat' });
    expect(await inForce(page, 'chat_mode')).toEqual({ value: 'enabled', from: 'this chat' });
    const stored = await h.request('get', `/v1/accounts/${account.id}/chats/chat-42/ai`);
    expect(stored.body).toMatchObject({ mode: 'enabled', custom_system_prompt: 'Answer in Spanish.' });
  });

  it('an invalid value is refused with the API’s message in words', async () => {
    await page.getByLabel('Layer').selectOption('global');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByLabel('Temperature (0–2)').fill('7');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Invalid request body');
    expect(await alert.textContent()).toContain('temperature');
    expect((await h.request('get', '/v1/ai/global')).body.temperature).toBe(0.4);
  });

  it('the AI test sends a message with an account’s configuration and shows the reply, latency and tokens', async () => {
    await page.getByRole('link', { name: 'Test the AI' }).click();
    await page.getByRole('heading', { name: 'Settings → AI → Test' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    h.llm.script({ reply: 'Hola, soy la IA de prueba.', delayMs: 300 });
    const before = h.llm.completions().length;

    await page.getByLabel('Configuration of').selectOption(account.id);
    await page.getByLabel(/Chat id/).fill('chat-42');
    await page.getByLabel('Message').fill('¿Hacéis envíos a Madrid?');
    await page.getByRole('button', { name: 'Send test' }).click();
    // The progress indicator shows while the provider answers.
    await page.getByRole('status').filter({ hasText: 'Waiting for the AI’s reply' }).waitFor();

    const result = page.getByRole('region', { name: 'Test result' });
    await result.waitFor();
    expect(await result.locator('.reply').textContent()).toBe('Hola, soy la IA de prueba.');
    expect(await result.locator('[data-field="tokens"]').textContent()).toBe('11 prompt + 7 completion = 18');
    expect(await result.locator('[data-field="latency"]').textContent()).toMatch(/^\d+ ms$/);
    expect(await result.locator('[data-field="model"]').textContent()).toBe('scripted-model');

    // The provider got the message with the chat's own prompt and the global temperature.
    const sent = h.llm.completions().slice(before);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.messages)).toContain('¿Hacéis envíos a Madrid?');
    expect(JSON.stringify(sent[0]!.messages)).toContain('Answer in Spanish.');
    expect(sent[0]).toMatchObject({ temperature: 0.4 });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('the AI test can also send its reply to the chat: the channel hook receives it', async () => {
    await h.inbound(account.id, { message_id: 'wamid.console-1', from: { id: '34600999000' }, text: 'Hola' });
    await expect.poll(() => h.hook.sends().length, { timeout: 20_000 }).toBe(1);
    h.llm.script({ reply: 'Sí, enviamos a Madrid.' });

    await page.goto('/console/settings/ai/test');
    await page.getByLabel('Configuration of').selectOption(account.id);
    await page.getByLabel(/Chat id/).fill('34600999000');
    await page.getByLabel('Also send the reply to this chat').check();
    await page.getByLabel('Message').fill('¿Enviáis a Madrid?');
    await page.getByRole('button', { name: 'Send test' }).click();
    const sent = page.getByRole('region', { name: 'Test result' }).locator('[data-field="sent"]');
    await sent.waitFor();
    expect(await sent.textContent()).toMatch(/^yes \(message .+\)$/);
    await expect.poll(() => h.hook.sends().length, { timeout: 20_000 }).toBe(2);
    expect(JSON.stringify(h.hook.sends()[1])).toContain('Sí, enviamos a Madrid.');
  });

  it('the provider key is write-only: replaced from the form, shown as set, never shown back', async () => {
    await page.goto('/console/settings/ai');
    await page.getByText('No key set on this layer.').waitFor();
    await page.getByLabel('Replace with').fill('sk-console-secret');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('A key is set (it is never shown).').waitFor();
    expect(await page.getByLabel('Replace with').inputValue()).toBe('');
    expect((await h.request('get', '/v1/ai/global')).body.has_api_key).toBe(true);
    await page.reload();
    await page.getByText('A key is set (it is never shown).').waitFor();
    expect(await page.content()).not.toContain('sk-console-secret');
  });
});
