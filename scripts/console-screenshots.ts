/**
 * `npm run screenshots:console`: screenshots of the console's screens into docs/screenshots/, on a
 * throwaway local stack (its own ports and state folder) with the API, a worker, a scripted LLM
 * stand-in, a channel hook receiver and demo data (conversations the bot and a human answered), through the browser helper the console's tests use (Debian's Chromium).
 * To add a screen: add a shot below (and what it needs to the demo data).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { SecretBox } from '../src/lib/secret-box.js';
import { temporalConnectionOptions } from '../src/lib/temporal-transport.js';
import { startApi } from '../src/server.js';
import { createOrganization } from '../src/usecases/api-keys.js';
import { createWorker } from '../src/worker.js';
import { consolePage, launchBrowser, signIn, viewports } from '../test/support/browser.js';
import { eventually } from '../test/support/eventually.js';
import { startHookReceiver } from '../test/support/hook-receiver.js';
import { startScriptedLlm } from '../test/support/scripted-llm.js';
import { freePorts, removeStateFolder, startLocalStack } from './stack/local-stack.js';

const outDir = join(import.meta.dirname, '..', 'docs', 'screenshots');

interface Shot {
  name: string;
  viewport: keyof typeof viewports;
  signedIn: boolean;
  /** Brings the page to what the screenshot shows. */
  show(page: Page, demo: Demo): Promise<void>;
}

interface Demo {
  accountId: string;
  /** A conversation a human took over, where the contact waits for them. */
  takenOverId: string;
}

const shots: Shot[] = [
  {
    name: 'inbox',
    viewport: 'desktop',
    signedIn: true,
    show: async (page) => {
      await page.goto('/console/inbox');
      await page.locator('.conversation-row').nth(2).waitFor();
    },
  },
  {
    name: 'conversation',
    viewport: 'desktop',
    signedIn: true,
    show: async (page, { takenOverId }) => {
      await page.goto(`/console/conversations/${takenOverId}`);
      await page.getByText('Is someone there?').waitFor();
      await page.locator('.bubble.outbound details.turn summary').first().click();
    },
  },
  {
    name: 'inbox-phone',
    viewport: 'phone',
    signedIn: true,
    show: async (page) => {
      await page.goto('/console/inbox');
      await page.locator('.conversation-row').nth(2).waitFor();
    },
  },
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
  {
    name: 'agents',
    viewport: 'desktop',
    signedIn: true,
    show: async (page) => {
      await page.goto('/console/agents');
      await page.getByRole('button', { name: /^Bruna Bakery/ }).click();
      await page.getByRole('list', { name: 'Actions of the agent' }).locator('li').nth(2).waitFor();
      await page.getByRole('region', { name: 'Follow-up settings' }).getByLabel('Monday 1 from').waitFor();
    },
  },
  {
    name: 'agents-phone',
    viewport: 'phone',
    signedIn: true,
    show: async (page) => {
      await page.goto('/console/agents');
      await page.getByRole('list', { name: 'Agents' }).getByText('Bruna Bakery').waitFor();
    },
  },
  {
    name: 'settings-channels',
    viewport: 'desktop',
    signedIn: true,
    show: async (page, { accountId }) => {
      await page.goto('/console/settings/channels');
      await page.locator(`[data-account="${accountId}"] button`).click();
      await page.getByLabel('Header 1 name').waitFor();
      await page.getByLabel('Header 1 value').fill('Bearer xxx');
      await page.getByRole('list', { name: 'Subscriptions' }).locator('li').first().waitFor();
    },
  },
];

const stateDir = mkdtempSync(join(tmpdir(), 'convo-pilot-screenshots-'));
const stack = await startLocalStack({ stateDir, ports: await freePorts() });
const llm = await startScriptedLlm();
const hook = await startHookReceiver();
const api = await startApi(
  loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PORT: '0',
    MONGODB_URI: stack.mongodbUri,
    LOCAL_STACK_POSTGRES_URL: stack.postgresUrl,
    MONGODB_DB: 'screenshots',
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_UI_URL: stack.temporalUiUrl,
    SECRETS_KEYS: SecretBox.generateKeySpec('screenshots'),
    OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
    AI_BASE_URL: llm.baseUrl,
    AI_API_KEY: 'sk-demo',
    AI_MODEL: 'gpt-4o-mini',
    AI_SYSTEM_PROMPT: 'You are the friendly assistant of Acme Shoes.',
  }),
);
const connection = await NativeConnection.connect(temporalConnectionOptions(api.deps.config.temporal));
const worker = await createWorker({
  config: api.deps.config,
  database: api.deps.database,
  connection,
  client: api.deps.temporal,
});
const working = worker.run();
const browser = await launchBrowser();
try {
  const { adminKey } = await createOrganization(api.deps.collections, { name: 'Acme' });
  const request = (method: string, path: string, body: unknown) =>
    fetch(`${api.url}${path}`, {
      method,
      // `Version`: seed 004's routes require it; the others ignore it.
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey.key, version: '2021-04-15' },
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
  // Settings → Channels: a takeover webhook with a header and a custom body, a subscription.
  await request('PUT', `/v1/accounts/${accountId}/human-takeover-webhook`, {
    url: 'http://127.0.0.1:9/crm/takeover',
    headers: { Authorization: 'Bearer xxx' },
    body: { team: 'tier-2', channel_name: 'WhatsApp (Acme support)' },
  });
  await request('POST', `/v1/accounts/${accountId}/webhooks`, {
    url: 'http://127.0.0.1:9/mirror/events',
    events: ['message.received', 'human_takeover'],
  });
  const takenOverId = await demoConversations(request);
  await demoAgent(request);
  llm.script({ reply: 'Yes! We ship to Madrid in 24–48 hours, free above €50.' });

  mkdirSync(outDir, { recursive: true });
  for (const shot of shots) {
    const page = await consolePage(browser, api.url, viewports[shot.viewport]);
    if (shot.signedIn) await signIn(page, adminKey.key);
    await shot.show(page, { accountId, takenOverId });
    const path = join(outDir, `${shot.name}.png`);
    await page.screenshot({ path, fullPage: true });
    process.stderr.write(`wrote ${path}\n`);
    await page.context().close();
  }
} finally {
  await browser.close();
  worker.shutdown();
  await working;
  await connection.close();
  await hook.close();
  await api.close();
  await llm.close();
  await stack.stop();
  removeStateFolder(stateDir);
}

/** Agents: a knowledge base, a calendar, a primary agent with three actions and working hours for its follow-ups. */
async function demoAgent(request: (method: string, path: string, body: unknown) => Promise<Record<string, unknown>>) {
  const knowledgeBase = await request('POST', '/v1/knowledge-bases', {
    name: 'Bakery FAQ',
    text: 'We open at 8 every day.\n\nSourdough is baked at dawn; cakes are made to order with two days’ notice.',
  });
  const calendar = await request('POST', '/v1/calendars', {
    name: 'Tastings',
    booking_url: 'http://127.0.0.1:9/calendar',
    booking_page_url: 'https://example.com/book/tastings',
  });
  const agent = await request('POST', '/conversation-ai/agents', {
    name: 'Bruna Bakery',
    businessName: 'Bruna’s Bakery',
    mode: 'AUTO_PILOT',
    channels: ['WhatsApp'],
    waitTime: 20,
    waitTimeUnit: 'SECONDS',
    sleepEnabled: true,
    sleepTime: 2,
    sleepTimeUnit: 'HOURS',
    personality: 'Warm and brief.',
    goal: 'Sell bread and cakes, and book tastings.',
    instructions: 'Answer in one or two sentences. Offer a tasting to anyone asking about wedding cakes.',
    autoPilotMaxMessages: 30,
    knowledgeBaseIds: [knowledgeBase.id],
  });
  await request('POST', '/conversation-ai/agents', {
    name: 'Otto Orders',
    isPrimary: false,
    personality: 'Precise.',
    goal: 'Take orders.',
    instructions: 'Confirm every order back.',
  });
  const actions = `/conversation-ai/agents/${agent.id as string}/actions`;
  await request('POST', actions, {
    type: 'APPOINTMENT_BOOKING',
    name: 'Tasting',
    details: {
      calendarId: calendar.id,
      onlySendLink: false,
      triggerWorkflow: false,
      sleepAfterBooking: false,
      transferBot: false,
      rescheduleEnabled: true,
      cancelEnabled: true,
    },
  });
  await request('POST', actions, {
    type: 'HUMAN_HAND_OVER',
    name: 'Human',
    details: {
      enabled: true,
      triggerCondition: 'The contact asks for a person',
      examples: ['can I talk to someone'],
      reactivateEnabled: false,
      finalMessage: 'A colleague will reply shortly.',
      handoverType: 'contactRequest',
    },
  });
  const followup = (await request('POST', actions, {
    type: 'ADVANCED_FOLLOWUP',
    name: 'Nudge',
    details: {
      enabled: true,
      scenarioId: 'contactStoppedReplying',
      followupSequence: [{ id: 0, followupTime: 4, followupTimeUnit: 'HOURS', aiEnabledMessage: true }],
    },
  })) as { data: { id: string } };
  const weekday = { intervals: [{ startHour: 9, startMinute: 0, endHour: 18, endMinute: 0 }] };
  await request('PATCH', `/conversation-ai/agents/${agent.id as string}/followup-settings`, {
    actionIds: [followup.data.id],
    followupSettings: {
      dynamicChannelSwitching: false,
      followUpHours: true,
      timezoneToUse: 'contact',
      workingHours: [1, 2, 3, 4, 5].map((day) => ({ dayOfTheWeek: day, ...weekday })),
    },
  });
}

/**
 * Three web-chat conversations the bot answered; in the last a human took over and wrote, and the
 * contact wrote again. Returns that one's id.
 */
async function demoConversations(
  request: (method: string, path: string, body: unknown) => Promise<Record<string, unknown>>,
) {
  const webChat = await request('POST', '/v1/accounts', {
    name: 'Web chat',
    type: 'webchat',
    outbound_hook_url: hook.url,
  });
  const webChatId = webChat.id as string;
  await request('PUT', `/v1/accounts/${webChatId}/ai`, { reply_delay_seconds: 0 });
  const contacts = [
    { id: 'visitor-ana', name: 'Ana García', email: 'ana@example.org', text: 'Do you have the Runner 2 in size 39?' },
    { id: 'visitor-carla', name: 'Carla Ruiz', text: 'Can I return shoes bought online in a store?' },
    { id: 'visitor-bruno', name: 'Bruno Costa', text: 'My order #4417 has not arrived yet.' },
  ];
  llm.script(
    { reply: 'Yes, the Runner 2 is in stock in size 39 in black and white.' },
    { reply: 'Yes: any Acme store takes online returns within 30 days, with the receipt.' },
    { reply: 'Sorry about that! Let me check order #4417 for you.' },
  );
  let conversationId = '';
  for (const [index, contact] of contacts.entries()) {
    const accepted = await request('POST', `/v1/accounts/${webChatId}/messages`, {
      message_id: `demo-${index}`,
      from: { id: contact.id, name: contact.name, ...(contact.email ? { email: contact.email } : {}) },
      text: contact.text,
    });
    conversationId = accepted.conversation_id as string;
    await eventually(() => hook.sends().length === index + 1, { what: `the reply to ${contact.name}` });
  }
  await request('POST', '/functions/v1/bot-control', { conversation_id: conversationId, action: 'pause' });
  // The support agent writes with a key of her own: the transcript names her.
  const marta = await request('POST', '/v1/api-keys', { name: 'Marta (support)', scopes: ['conversations.write'] });
  await fetch(`${api.url}/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': marta.key as string },
    body: JSON.stringify({ text: 'Hi Bruno, this is Marta from Acme. I am looking into your order now.' }),
  });
  await eventually(() => hook.sends().length === 4, { what: 'the human’s message' });
  await request('POST', `/v1/accounts/${webChatId}/messages`, {
    message_id: 'demo-3',
    from: { id: 'visitor-bruno', name: 'Bruno Costa' },
    text: 'Is someone there?',
  });
  return conversationId;
}
