/**
 * `npm run screenshots:console`: screenshots of the console's screens into docs/screenshots/, on a
 * throwaway local stack (its own ports and state folder) with the API, a scripted LLM stand-in and
 * demo data, through the browser helper the console's tests use (Debian's Chromium).
 * To add a screen: add a shot below (and what it needs to the demo data).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { SecretBox } from '../src/lib/secret-box.js';
import { startApi } from '../src/server.js';
import { createOrganization } from '../src/usecases/api-keys.js';
import { consolePage, launchBrowser, signIn, viewports } from '../test/support/browser.js';
import { startScriptedLlm } from '../test/support/scripted-llm.js';
import { freePorts, removeStateFolder, startLocalStack } from './stack/local-stack.js';

const outDir = join(import.meta.dirname, '..', 'docs', 'screenshots');

interface Shot {
  name: string;
  viewport: keyof typeof viewports;
  signedIn: boolean;
  /** Brings the page to what the screenshot shows. */
  show(page: Page, demo: { accountId: string }): Promise<void>;
}

const shots: Shot[] = [
  {
    name: 'sign-in',
    viewport: 'desktop',
    signedIn: false,
    show: async (page) => {
      await page.goto('/console/');
      await page.getByLabel('API key or admin JWT').waitFor();
    },
  },
  {
    name: 'settings-ai',
    viewport: 'desktop',
    signedIn: true,
    show: async (page, { accountId }) => {
      await page.goto('/console/settings/ai');
      await page.getByLabel('Layer').selectOption('chat');
      await page.getByLabel('Channel account').selectOption(accountId);
      await page.getByLabel('Chat id').fill('34600111222');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.locator('tr[data-field="system_prompt"] .layer-chat').waitFor();
    },
  },
  {
    name: 'settings-ai-phone',
    viewport: 'phone',
    signedIn: true,
    show: async (page) => {
      await page.goto('/console/settings/ai');
      await page.getByRole('table', { name: 'In force' }).waitFor();
    },
  },
  {
    name: 'ai-test',
    viewport: 'desktop',
    signedIn: true,
    show: async (page, { accountId }) => {
      await page.goto('/console/settings/ai/test');
      await page.getByLabel('Configuration of').selectOption(accountId);
      await page.getByLabel('Message').fill('Hello! Do you ship to Madrid?');
      await page.getByRole('button', { name: 'Send test' }).click();
      await page.getByRole('region', { name: 'Test result' }).waitFor();
    },
  },
];

const stateDir = mkdtempSync(join(tmpdir(), 'convo-pilot-screenshots-'));
const stack = await startLocalStack({ stateDir, ports: await freePorts() });
const llm = await startScriptedLlm();
const api = await startApi(
  loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PORT: '0',
    MONGODB_URI: stack.mongodbUri,
    LOCAL_STACK_POSTGRES_URL: stack.postgresUrl,
    MONGODB_DB: 'screenshots',
    TEMPORAL_ADDRESS: stack.temporalAddress,
    SECRETS_KEYS: SecretBox.generateKeySpec('screenshots'),
    OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
    AI_BASE_URL: llm.baseUrl,
    AI_API_KEY: 'sk-demo',
    AI_MODEL: 'gpt-4o-mini',
    AI_SYSTEM_PROMPT: 'You are the friendly assistant of Acme Shoes.',
  }),
);
const browser = await launchBrowser();
try {
  const { adminKey } = await createOrganization(api.deps.collections, { name: 'Acme' });
  const request = (method: string, path: string, body: unknown) =>
    fetch(`${api.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey.key },
      body: JSON.stringify(body),
    }).then((response) => response.json() as Promise<Record<string, unknown>>);
  const account = await request('POST', '/v1/accounts', {
    name: 'WhatsApp main',
    type: 'whatsapp',
    outbound_hook_url: 'http://127.0.0.1:9/hook',
  });
  const accountId = account.id as string;
  await request('PUT', '/v1/ai/global', { temperature: 0.4, reply_to_groups: false });
  await request('PUT', `/v1/accounts/${accountId}/ai`, { reply_delay_seconds: 5 });
  await request('PUT', `/v1/accounts/${accountId}/chats/34600111222/ai`, {
    mode: 'enabled',
    custom_system_prompt: 'Answer in Spanish, in two sentences at most.',
  });
  llm.script({ reply: 'Yes! We ship to Madrid in 24–48 hours, free above €50.' });

  mkdirSync(outDir, { recursive: true });
  for (const shot of shots) {
    const page = await consolePage(browser, api.url, viewports[shot.viewport]);
    if (shot.signedIn) await signIn(page, adminKey.key);
    await shot.show(page, { accountId });
    const path = join(outDir, `${shot.name}.png`);
    await page.screenshot({ path, fullPage: true });
    process.stderr.write(`wrote ${path}\n`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await api.close();
  await llm.close();
  await stack.stop();
  removeStateFolder(stateDir);
}
