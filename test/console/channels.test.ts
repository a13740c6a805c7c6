import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, launchBrowser, seriousAccessibilityViolations, signIn, viewports } from '../support/browser.js';
import { MAX_TYPING_MS_PER_CHARACTER } from '../../src/domain/typing.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  createNativeAccount,
  fixture,
  postProviderWebhook,
  providerCredentials,
  startProviderStandIns,
  type ProviderStandIns,
} from '../support/provider-stand-ins.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';

/**
 * Settings → Channels in Chromium against the real stack: an account created in the console (its
 * secrets shown once), its typing settings (bounds checked by the form, with the API's schema), its
 * human-takeover webhook configured with a header and a custom body (the preview merges it; a
 * takeover sends it), a subscription whose deliveries appear in the log, and a native Telegram
 * account whose bot token is rotated from the console (an empty credential keeps the stored one).
 */
describe('Console: Settings → Channels (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let takeoverReceiver: Awaited<ReturnType<typeof startRecordingServer>>;
  let subscriber: Awaited<ReturnType<typeof startRecordingServer>>;
  let providers: ProviderStandIns;
  let accountId: string;
  let accountToken: string;
  /** The account PATCHes the console sent (a form that refuses a value sends none). */
  const patches: string[] = [];

  beforeAll(async () => {
    const ok = () => startRecordingServer((_request, response) => sendJson(response, 200, {}));
    [h, browser, takeoverReceiver, subscriber, providers] = await Promise.all([
      startHarness(),
      launchBrowser(),
      ok(),
      ok(),
      startProviderStandIns(),
    ]);
    page = await consolePage(browser, h.api.url);
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().includes('/v1/accounts/'))
        patches.push(request.postData() ?? '');
    });
    await signIn(page, h.adminKey, '/console/settings/channels');
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await takeoverReceiver?.close();
    await subscriber?.close();
    await providers?.close();
  });

  const preview = () => page.locator('pre.payload-preview');

  it('creates a hook account and shows its hook secret and account token once', async () => {
    await page.getByRole('heading', { name: 'Settings → Channels' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('Console WhatsApp');
    await page.getByLabel('Outbound hook URL').fill(h.hook.url);
    await page.getByLabel('Time zone (IANA)').fill('Europe/Madrid');
    await page.getByLabel('Split replies into one message per paragraph').check();
    await page.getByLabel('Typing pace (ms per character)').fill('30');
    await page.getByRole('button', { name: 'Create account' }).click();

    const secrets = page.getByRole('region', { name: 'Secrets of Console WhatsApp' });
    await secrets.waitFor();
    expect(await secrets.textContent()).toContain('Copy now: shown once.');
    const [hookSecret, token] = await secrets.locator('code.secret').allTextContents();
    expect(hookSecret).toBeTruthy();
    accountToken = token!;
    const accounts = (await h.request('get', '/v1/accounts')).body as { id: string; name: string; timezone: string }[];
    const created = accounts.find((account) => account.name === 'Console WhatsApp')!;
    expect(created).toMatchObject({ timezone: 'Europe/Madrid', split_messages: true, typing_ms_per_character: 30 });
    accountId = created.id;
    expect(JSON.stringify(accounts)).not.toContain(accountToken);

    // The token shown is the account's: ingest takes it.
    const ingested = await h.request('post', `/v1/accounts/${accountId}/messages`, {
      bearer: accountToken,
      body: { message_id: 'wamid.channels-1', from: { id: '34600400001', name: 'Carmen Channel' }, text: 'Hola' },
    });
    expect(ingested.status).toBe(202);

    await page.getByRole('button', { name: 'I have copied them' }).click();
    await page.reload();
    await page.locator(`[data-account="${accountId}"] button`).click();
    await page.getByRole('heading', { name: 'Account settings' }).waitFor();
    expect(await page.content()).not.toContain(accountToken);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('edits the account and rotates its token (shown once; the old one stops working)', async () => {
    await page.getByLabel('Reopen a closed conversation when the contact writes again').last().uncheck();
    await page.getByRole('button', { name: 'Save account' }).click();
    await page.getByText('Account saved.').waitFor();
    expect((await h.request('get', `/v1/accounts/${accountId}`)).body).toMatchObject({ reopen_on_inbound: false });

    await page.getByRole('button', { name: 'Rotate the account token' }).click();
    const shown = page.getByRole('region', { name: 'New account token' });
    await shown.waitFor();
    const rotated = await shown.locator('code.secret').textContent();
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(accountToken);
    const inbound = (token: string, id: string) =>
      h.request('post', `/v1/accounts/${accountId}/messages`, {
        bearer: token,
        body: { message_id: id, from: { id: '34600400001' }, text: 'Sigo aquí' },
      });
    expect((await inbound(accountToken, 'wamid.channels-old')).status).toBe(401);
    expect((await inbound(rotated!, 'wamid.channels-2')).status).toBe(202);
    await shown.getByRole('button', { name: 'I have copied them' }).click();
  });

  it('shows and changes how replies are typed; a pace out of bounds is refused by the form with nothing sent', async () => {
    const settings = page.getByRole('region', { name: 'Account settings' });
    const split = settings.getByLabel('Split replies into one message per paragraph');
    const pace = settings.getByLabel('Typing pace (ms per character)');
    // The values the account was created with.
    expect(await split.isChecked()).toBe(true);
    expect(await pace.inputValue()).toBe('30');
    expect(await settings.getByText(/how long “typing…” shows per character/).isVisible()).toBe(true);

    const sentBefore = patches.length;
    const refusals: [string, string][] = [
      [String(MAX_TYPING_MS_PER_CHARACTER + 1), `must be at most ${MAX_TYPING_MS_PER_CHARACTER} ms per character`],
      ['-1', 'must be 0 or more'],
      ['2.5', 'must be a whole number of milliseconds'],
    ];
    for (const [refused, why] of refusals) {
      await pace.fill(refused);
      await settings.getByRole('button', { name: 'Save account' }).click();
      const alert = settings.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain(why);
      expect(await alert.textContent()).toContain('Nothing was sent');
      expect(await alert.textContent()).toContain('Typing pace (ms per character)');
      expect(await pace.getAttribute('aria-invalid')).toBe('true');
      // The field says why too (its description), and no stale "saved" remains.
      expect(await pace.getAttribute('aria-describedby')).toContain('edit-pace-problem');
      expect(await settings.locator('#edit-pace-problem').textContent()).toBe(why);
      expect(await settings.getByText('Account saved.').count()).toBe(0);
    }
    expect(patches.length).toBe(sentBefore);
    expect((await h.request('get', `/v1/accounts/${accountId}`)).body).toMatchObject({ typing_ms_per_character: 30 });

    await pace.fill(String(MAX_TYPING_MS_PER_CHARACTER));
    await split.uncheck();
    await settings.getByRole('button', { name: 'Save account' }).click();
    await settings.getByText('Account saved.').waitFor();
    expect(await settings.getByRole('alert').count()).toBe(0);
    expect((await h.request('get', `/v1/accounts/${accountId}`)).body).toMatchObject({
      split_messages: false,
      typing_ms_per_character: MAX_TYPING_MS_PER_CHARACTER,
    });

    // Empty: the service's default pace (null), shown empty again after a reload.
    await pace.fill('');
    await settings.getByRole('button', { name: 'Save account' }).click();
    await expect
      .poll(async () => (await h.request('get', `/v1/accounts/${accountId}`)).body)
      .toMatchObject({ split_messages: false, typing_ms_per_character: null });
    await page.reload();
    await page.locator(`[data-account="${accountId}"] button`).click();
    expect(
      await page
        .getByRole('region', { name: 'Account settings' })
        .getByLabel(/Typing pace/)
        .inputValue(),
    ).toBe('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('configures the takeover webhook with a header and a custom body; the preview merges it and a takeover sends it', async () => {
    await page.getByLabel('Webhook URL').fill(takeoverReceiver.url);
    await page.getByLabel('Method').selectOption('PUT');
    await page.getByRole('button', { name: 'Add a header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Team-Token');
    await page.getByLabel('Header 1 value').fill('team-secret-1');

    // Not an object: said in words, nothing to save.
    await page.getByLabel(/Custom body/).fill('["not", "an object"]');
    await page.getByText('The custom body must be a JSON object').waitFor();
    expect(await page.getByRole('button', { name: 'Save webhook' }).isDisabled()).toBe(true);

    await page.getByLabel(/Custom body/).fill('{"channel_name": "Support line", "team": "tier-2"}');
    await expect
      .poll(async () => JSON.parse((await preview().textContent()) ?? '{}') as Record<string, unknown>)
      .toMatchObject({
        event: 'human_takeover',
        channel_account_id: accountId,
        channel_name: 'Support line',
        team: 'tier-2',
      });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Save webhook' }).click();
    await page.getByText('Webhook saved.').waitFor();
    const secret = page.getByRole('region', { name: 'Takeover webhook signing secret' });
    await secret.waitFor();
    expect(await secret.locator('code.secret').textContent()).toMatch(/^whsec_/);
    const stored = await h.request('get', `/v1/accounts/${accountId}/human-takeover-webhook`);
    expect(stored.body).toMatchObject({
      url: takeoverReceiver.url,
      method: 'PUT',
      header_names: ['X-Team-Token'],
      body: { channel_name: 'Support line', team: 'tier-2' },
      has_signing_secret: true,
    });
    // The stored header's name comes back, its value does not.
    expect(await page.getByLabel('Header 1 name').inputValue()).toBe('X-Team-Token');
    expect(await page.getByLabel('Header 1 value').inputValue()).toBe('');

    const inbound = await h.inbound(accountId, {
      message_id: 'wamid.channels-3',
      from: { id: '34600400002', name: 'Pablo Takeover' },
      text: 'I need a person',
    });
    expect(inbound.status).toBe(202);
    const conversationId = (inbound.body as { conversation_id: string }).conversation_id;
    const paused = await h.request('post', '/functions/v1/bot-control', {
      body: { conversation_id: conversationId, action: 'pause' },
    });
    expect(paused.status).toBe(200);
    const call = await eventually(() => takeoverReceiver.requests.find((request) => request.method === 'PUT'), {
      what: 'the takeover webhook call',
    });
    expect(call.headers['x-team-token']).toBe('team-secret-1');
    expect(call.body).toMatchObject({
      event: 'human_takeover',
      conversation_id: conversationId,
      channel_account_id: accountId,
      channel_name: 'Support line',
      team: 'tier-2',
      contact: { first_name: 'Pablo', last_name: 'Takeover' },
    });

    // The delivery log shows the takeover call as delivered.
    const takeoverRow = page.locator('table.deliveries tr[data-event="human_takeover"]');
    await expect.poll(() => takeoverRow.locator('td').nth(1).textContent(), { timeout: 15_000 }).toBe('delivered');
    expect(await takeoverRow.locator('td').nth(3).textContent()).toBe('200');
  });

  it('subscribes to an event (secret shown once) and its delivery appears in the log', async () => {
    await page.getByLabel('Subscriber URL').fill(subscriber.url);
    await page.getByRole('checkbox', { name: /message\.received/ }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const secret = page.getByRole('region', { name: 'Subscription secret' });
    await secret.waitFor();
    expect(await secret.locator('code.secret').textContent()).toBeTruthy();
    await page.getByRole('list', { name: 'Subscriptions' }).getByText(subscriber.url, { exact: true }).waitFor();
    const subscriptions = (await h.request('get', `/v1/accounts/${accountId}/webhooks`)).body as {
      url: string;
      events: string[];
    }[];
    expect(subscriptions).toEqual([expect.objectContaining({ url: subscriber.url, events: ['message.received'] })]);

    await page.getByLabel('Event', { exact: true }).selectOption('message.received');
    const received = await h.inbound(accountId, {
      message_id: 'wamid.channels-4',
      from: { id: '34600400003', name: 'Rosa Subscriber' },
      text: 'Mirror me',
    });
    expect(received.status).toBe(202);
    await eventually(() => subscriber.requests.some((request) => JSON.stringify(request.body).includes('Mirror me')), {
      what: 'the subscription’s delivery',
    });
    const rows = page.locator('table.deliveries tbody tr');
    await expect
      .poll(() => rows.locator('td:nth-child(2)').allTextContents(), { timeout: 15_000 })
      .toEqual(['delivered']);
    expect(await rows.first().locator('td').first().textContent()).toBe('message.received');
    expect(await rows.first().locator('td.url').textContent()).toBe(subscriber.url);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Unsubscribe ${subscriber.url}` }).click();
    await page.getByText('No subscription.').waitFor();
    expect((await h.request('get', `/v1/accounts/${accountId}/webhooks`)).body).toEqual([]);
  });

  it('a validation error from the API is shown in words', async () => {
    const form = page.getByRole('region', { name: 'New hook account' });
    await form.getByLabel('Name').fill('Mars line');
    await form.getByLabel('Outbound hook URL').fill(h.hook.url);
    await form.getByLabel('Time zone (IANA)').fill('Mars/Olympus_Mons');
    await form.getByRole('button', { name: 'Create account' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Invalid request body');
    expect(await alert.textContent()).toContain('timezone');
    const accounts = (await h.request('get', '/v1/accounts')).body as { name: string }[];
    expect(accounts.map((account) => account.name)).not.toContain('Mars line');
  });

  it('edits a native Telegram account: a typed bot token replaces the stored one, an empty secret token keeps it', async () => {
    const { telegram } = providerCredentials;
    const native = await createNativeAccount(h, 'telegram', { ...telegram, api_base_url: providers.url });
    await page.reload();
    await page.locator(`[data-account="${native.id}"] button`).click();
    const settings = page.getByRole('region', { name: 'Account settings' });
    await settings.getByRole('group', { name: 'Provider settings' }).waitFor();
    // Public values shown as stored; credentials never, only whether one is stored.
    expect(await settings.getByLabel('API base URL').inputValue()).toBe(providers.url);
    const botToken = settings.getByLabel('Bot token');
    const secretToken = settings.getByLabel('Secret token');
    expect(await botToken.getAttribute('type')).toBe('password');
    expect(await botToken.inputValue()).toBe('');
    expect(await settings.getByText(/^Stored, never shown: leave empty to keep it/).count()).toBe(2);
    expect(await page.content()).not.toContain(telegram.bot_token);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Telegram's own rule for a secret token (the API's settings schema), checked before sending.
    const sentBefore = patches.length;
    await secretToken.fill('not a token!');
    await settings.getByRole('button', { name: 'Save account' }).click();
    expect(await settings.getByRole('alert').textContent()).toContain('Secret token');
    expect(await secretToken.getAttribute('aria-invalid')).toBe('true');
    expect(patches.length).toBe(sentBefore);

    const rotated = '654321:console-rotated-token';
    await secretToken.fill('');
    await botToken.fill(rotated);
    await settings.getByLabel('Name', { exact: true }).fill('Telegram support');
    await settings.getByLabel('Split replies into one message per paragraph').check();
    await settings.getByRole('button', { name: 'Save account' }).click();
    await settings.getByText('Account saved.').waitFor();
    // The PATCH carried the new bot token and no secret token at all.
    const sent = JSON.parse(patches.at(-1)!) as { telegram: Record<string, unknown> };
    expect(sent.telegram).toEqual({ bot_token: rotated });
    expect(await botToken.inputValue()).toBe('');

    const read = await h.request('get', `/v1/accounts/${native.id}`);
    expect(read.body).toMatchObject({
      name: 'Telegram support',
      split_messages: true,
      telegram: { api_base_url: providers.url, has_bot_token: true, has_secret_token: true },
    });
    expect(JSON.stringify(read.body)).not.toContain(rotated);

    // The kept secret token still proves Telegram's webhook; the reply goes out with the new bot token, split.
    providers.accepted.telegram.bot_token = rotated;
    try {
      // The subscription test's message is answered first (the script is one queue).
      await eventually(() => h.llm.completions().some((c) => JSON.stringify(c.messages).includes('Mirror me')), {
        what: 'the earlier reply',
      });
      h.llm.script({ reply: 'First, the answer.\n\nThen, one more thing.' });
      const proof = { 'x-telegram-bot-api-secret-token': telegram.secret_token };
      expect((await postProviderWebhook(h, native.webhook_path, fixture('telegram-update'), proof)).status).toBe(200);
      const sends = await eventually(
        () => {
          const found = providers.calls(/sendMessage$/);
          return found.length >= 2 && found;
        },
        { what: 'the split reply at the Telegram stand-in' },
      );
      expect(sends.map((send) => send.path)).toEqual([`/bot${rotated}/sendMessage`, `/bot${rotated}/sendMessage`]);
      expect(sends.map((send) => (send.body as { text: string }).text)).toEqual([
        'First, the answer.',
        'Then, one more thing.',
      ]);
    } finally {
      providers.accepted.telegram.bot_token = telegram.bot_token;
    }
  });

  it('edits a native Chatwoot account: a number setting sent as a number, an optional credential removed on request', async () => {
    const native = await createNativeAccount(h, 'chatwoot', {
      ...providerCredentials.chatwoot,
      base_url: providers.url,
    });
    await page.reload();
    await page.locator(`[data-account="${native.id}"] button`).click();
    const settings = page.getByRole('region', { name: 'Account settings' });
    const accountIdField = settings.getByLabel('Account id');
    expect(await accountIdField.inputValue()).toBe('1');
    await accountIdField.fill('2');
    await settings.getByLabel('Remove the stored webhook secret').check();
    await settings.getByRole('button', { name: 'Save account' }).click();
    await settings.getByText('Account saved.').waitFor();
    expect(JSON.parse(patches.at(-1)!)).toMatchObject({ chatwoot: { account_id: 2, webhook_secret: null } });
    expect((await h.request('get', `/v1/accounts/${native.id}`)).body).toMatchObject({
      chatwoot: { base_url: providers.url, account_id: 2, has_bot_token: true, has_webhook_secret: false },
    });
    // Nothing stored to remove any more: the field says so.
    await expect.poll(() => settings.getByLabel('Remove the stored webhook secret').count()).toBe(0);
    expect(await settings.getByText(/^Not set\./).count()).toBe(1);
  });

  it('edits a native WhatsApp Cloud account: the follow-up template as a pair, half of one refused with nothing sent', async () => {
    const native = await createNativeAccount(h, 'whatsapp_cloud', {
      ...providerCredentials.whatsappCloud,
      api_base_url: providers.whatsappBaseUrl,
    });
    await page.reload();
    await page.locator(`[data-account="${native.id}"] button`).click();
    const settings = page.getByRole('region', { name: 'Account settings' });
    const template = settings.getByRole('group', { name: 'Follow-up template' });
    expect(await settings.getByLabel('Phone number id').inputValue()).toBe(
      providerCredentials.whatsappCloud.phone_number_id,
    );
    await template.getByLabel('Template name').fill('order_update');
    const sentBefore = patches.length;
    await settings.getByRole('button', { name: 'Save account' }).click();
    expect(await settings.getByRole('alert').textContent()).toContain('Template language');
    expect(patches.length).toBe(sentBefore);

    await template.getByLabel('Template language').fill('es');
    await settings.getByRole('button', { name: 'Save account' }).click();
    await settings.getByText('Account saved.').waitFor();
    expect((await h.request('get', `/v1/accounts/${native.id}`)).body).toMatchObject({
      whatsapp_cloud: {
        followup_template: { name: 'order_update', language: 'es' },
        has_access_token: true,
        has_app_secret: true,
        has_verify_token: true,
      },
    });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('fits a phone’s width', async () => {
    const phone = await consolePage(browser, h.api.url, viewports.phone);
    await signIn(phone, h.adminKey, '/console/settings/channels');
    await phone.locator(`[data-account="${accountId}"] button`).click();
    await phone.getByRole('heading', { name: 'Delivery log' }).waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      viewports.phone.width,
    );
    expect(await seriousAccessibilityViolations(phone)).toEqual([]);

    // The native account's provider settings too.
    await phone.getByRole('button', { name: /Telegram support/ }).click();
    await phone.getByLabel('Bot token').waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      viewports.phone.width,
    );
    expect(await seriousAccessibilityViolations(phone)).toEqual([]);
    await phone.context().close();
  });
});
