import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  chatwootSignature,
  createNativeAccount,
  fixture,
  hmacHex,
  postProviderWebhook,
  providerCredentials,
  startProviderStandIns,
  type ProviderStandIns,
} from '../support/provider-stand-ins.js';

const { whatsappCloud, telegram, chatwoot, evolution } = providerCredentials;

/**
 * Rotating a native account's credentials with `PATCH /v1/accounts/{id}` through the real API:
 * the webhook proof made with the old secret is refused, the new one accepted, and the reply goes
 * to the provider with the new credential; credentials are never read back, and a change that
 * does not fit the account stores nothing.
 */
describe('native account credential rotation', () => {
  let h: Harness;
  let providers: ProviderStandIns;

  beforeAll(async () => {
    h = await startHarness();
    providers = await startProviderStandIns();
  });
  afterAll(async () => {
    await h?.close();
    await providers?.close();
  });

  const createAccount = (type: string, settings: Record<string, unknown>) => createNativeAccount(h, type, settings);
  const postWebhook = (path: string, rawBody: string, headers?: Record<string, string>) =>
    postProviderWebhook(h, path, rawBody, headers);
  const patch = (accountId: string, body: Record<string, unknown>) =>
    h.request('patch', `/v1/accounts/${accountId}`, { body });

  const storedMessages = (accountId: string) => h.collections.messages.countDocuments({ channelAccountId: accountId });

  /** The read and the stored document show none of `secrets`; the read names them as `has_…`. */
  async function expectHidden(accountId: string, secrets: string[]) {
    const read = await h.request('get', `/v1/accounts/${accountId}`);
    const stored = await h.collections.channelAccounts.findOne({ _id: accountId });
    for (const secret of secrets) {
      expect(JSON.stringify(read.body)).not.toContain(secret);
      expect(JSON.stringify(stored)).not.toContain(secret);
    }
    return read.body as Record<string, any>;
  }

  it('WhatsApp Cloud: the new app secret signs webhooks, the new verify token subscribes, the new access token sends', async () => {
    const account = await createAccount('whatsapp_cloud', {
      ...whatsappCloud,
      api_base_url: providers.whatsappBaseUrl,
    });
    const rotated = {
      access_token: 'EAAG-rotated-token',
      app_secret: 'rotated-app-secret',
      verify_token: 'rotated-verify-token',
    };
    const changed = await patch(account.id, { whatsapp_cloud: rotated });
    expect(changed.status).toBe(200);
    expect(changed.body.whatsapp_cloud).toEqual({
      phone_number_id: whatsappCloud.phone_number_id,
      // Absent from the change: kept as stored, not reset to its default.
      api_base_url: providers.whatsappBaseUrl,
      has_access_token: true,
      has_app_secret: true,
      has_verify_token: true,
    });
    await expectHidden(account.id, Object.values(rotated));
    providers.accepted.whatsappCloud.access_token = rotated.access_token;

    const challenge = (token: string) =>
      fetch(`${h.api.url}${account.webhook_path}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`);
    expect((await challenge(whatsappCloud.verify_token)).status).toBe(403);
    expect((await challenge(rotated.verify_token)).status).toBe(200);

    const text = fixture('whatsapp-cloud-text');
    const signedWith = (secret: string) => ({ 'x-hub-signature-256': `sha256=${hmacHex(secret, text)}` });
    expect((await postWebhook(account.webhook_path, text, signedWith(whatsappCloud.app_secret))).status).toBe(401);
    expect(await storedMessages(account.id)).toBe(0);

    h.llm.script({ reply: 'Signed with the new secret.' });
    expect((await postWebhook(account.webhook_path, text, signedWith(rotated.app_secret))).status).toBe(200);
    const [send] = await eventually(() => {
      const sends = providers.calls(/\/messages$/).filter((call) => (call.body as any).type === 'text');
      return sends.length > 0 && sends;
    });
    expect(send).toMatchObject({
      headers: { authorization: `Bearer ${rotated.access_token}` },
      body: { to: '16505551234', text: { body: 'Signed with the new secret.' } },
    });
    providers.accepted.whatsappCloud.access_token = whatsappCloud.access_token;
  });

  it('Telegram: the new secret token is required and the reply goes to the new bot token', async () => {
    const account = await createAccount('telegram', { ...telegram, api_base_url: providers.url });
    const rotated = { bot_token: '654321:rotated-token', secret_token: 'rotated_secret-2' };
    expect((await patch(account.id, { telegram: rotated })).status).toBe(200);
    await expectHidden(account.id, Object.values(rotated));
    providers.accepted.telegram.bot_token = rotated.bot_token;

    const update = fixture('telegram-update');
    const oldProof = { 'x-telegram-bot-api-secret-token': telegram.secret_token };
    expect((await postWebhook(account.webhook_path, update, oldProof)).status).toBe(401);
    expect(await storedMessages(account.id)).toBe(0);

    h.llm.script({ reply: 'New token, same bot.' });
    const newProof = { 'x-telegram-bot-api-secret-token': rotated.secret_token };
    expect((await postWebhook(account.webhook_path, update, newProof)).status).toBe(200);
    const [send] = await eventually(() => {
      const sends = providers.calls(/sendMessage$/);
      return sends.length > 0 && sends;
    });
    expect(send).toMatchObject({
      path: `/bot${rotated.bot_token}/sendMessage`,
      body: { chat_id: '1111111', text: 'New token, same bot.' },
    });
    providers.accepted.telegram.bot_token = telegram.bot_token;
  });

  it('Chatwoot: the new webhook secret signs events and the new bot token answers', async () => {
    const account = await createAccount('chatwoot', { ...chatwoot, base_url: providers.url });
    const rotated = { bot_token: 'rotated-bot-token', webhook_secret: 'rotated-webhook-secret' };
    expect((await patch(account.id, { chatwoot: rotated })).status).toBe(200);
    await expectHidden(account.id, Object.values(rotated));
    providers.accepted.chatwoot.bot_token = rotated.bot_token;

    const event = fixture('chatwoot-message-created');
    const signedWith = (secret: string) => chatwootSignature(secret, event);
    expect((await postWebhook(account.webhook_path, event, signedWith(chatwoot.webhook_secret))).status).toBe(401);
    expect(await storedMessages(account.id)).toBe(0);

    h.llm.script({ reply: 'Rotated and answering.' });
    expect((await postWebhook(account.webhook_path, event, signedWith(rotated.webhook_secret))).status).toBe(200);
    const [send] = await eventually(() => {
      const sends = providers.calls(/\/conversations\/\d+\/messages$/);
      return sends.length > 0 && sends;
    });
    expect(send).toMatchObject({
      headers: { api_access_token: rotated.bot_token },
      body: { content: 'Rotated and answering.', message_type: 'outgoing' },
    });

    // `null` clears the optional webhook secret: Chatwoot's unsigned events are accepted again.
    const cleared = await patch(account.id, { chatwoot: { webhook_secret: null } });
    expect(cleared.body.chatwoot).toMatchObject({ has_bot_token: true, has_webhook_secret: false });
    const next = JSON.parse(event);
    next.id += 1;
    h.llm.script({ reply: 'Unsigned is fine now.' });
    expect((await postWebhook(account.webhook_path, JSON.stringify(next))).status).toBe(200);
    await eventually(() => providers.calls(/\/conversations\/\d+\/messages$/).length === 2, {
      what: 'the answer to an unsigned event',
    });
    providers.accepted.chatwoot.bot_token = chatwoot.bot_token;
  });

  it('Evolution: the new api_key proves webhooks and authenticates sendText', async () => {
    const account = await createAccount('evolution', { ...evolution, base_url: providers.url });
    const rotated = { api_key: 'ROTATED0000KEY' };
    expect((await patch(account.id, { evolution: rotated })).status).toBe(200);
    await expectHidden(account.id, [rotated.api_key]);
    providers.accepted.evolution.api_key = rotated.api_key;

    const upsert = fixture('evolution-messages-upsert');
    expect((await postWebhook(account.webhook_path, upsert)).status).toBe(401);
    expect(await storedMessages(account.id)).toBe(0);

    h.llm.script({ reply: 'Chave nova.' });
    expect((await postWebhook(account.webhook_path, upsert.replace(evolution.api_key, rotated.api_key))).status).toBe(
      200,
    );
    const [send] = await eventually(() => {
      const sends = providers.calls(/^\/message\/sendText\//);
      return sends.length > 0 && sends;
    });
    expect(send).toMatchObject({ headers: { apikey: rotated.api_key }, body: { text: 'Chave nova.' } });
    providers.accepted.evolution.api_key = evolution.api_key;
  });

  it('changes non-secret settings, and records the change in the audit log without the secrets', async () => {
    const account = await createAccount('whatsapp_cloud', {
      ...whatsappCloud,
      api_base_url: providers.whatsappBaseUrl,
    });
    const template = { name: 'order_update', language: 'en_US' };
    const changed = await patch(account.id, {
      name: 'WhatsApp sales',
      whatsapp_cloud: { followup_template: template, access_token: 'EAAG-audited-token' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'WhatsApp sales', whatsapp_cloud: { followup_template: template } });
    const withoutTemplate = await patch(account.id, { whatsapp_cloud: { followup_template: null } });
    expect(withoutTemplate.body.whatsapp_cloud).not.toHaveProperty('followup_template');

    const entries = await h.request('get', '/v1/audit-log?limit=50');
    const updates = (entries.body.entries as Record<string, any>[]).filter(
      (entry) => entry.target.id === account.id && entry.action === 'channel_account.updated',
    );
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      before: { name: 'whatsapp_cloud account', settings: { phone_number_id: whatsappCloud.phone_number_id } },
      after: {
        name: 'WhatsApp sales',
        settings: { followup_template: template, credentials: ['access_token', 'app_secret', 'verify_token'] },
        credentialsReplaced: ['access_token'],
      },
    });
    expect(JSON.stringify(updates)).not.toContain('EAAG-audited-token');
    expect(JSON.stringify(updates)).not.toContain(whatsappCloud.app_secret);
  });

  it('refuses another type’s settings (422), unknown fields and invalid values (400), storing nothing', async () => {
    const account = await createAccount('telegram', { ...telegram, api_base_url: providers.url });
    const hook = await h.createChannelAccount('Website chat');
    const before = await h.collections.channelAccounts.findOne({ _id: account.id });

    const otherType = await patch(account.id, { whatsapp_cloud: { access_token: 'x' } });
    expect(otherType.status).toBe(422);
    expect(otherType.body.error).toMatchObject({
      code: 'unprocessable_entity',
      details: [{ in: 'request body', path: 'whatsapp_cloud', message: expect.stringContaining('telegram account') }],
    });
    expect((await patch(hook.id, { telegram: { bot_token: 'x' } })).status).toBe(422);

    const unknownField = await patch(account.id, { telegram: { bot_token: 'new', webhook_url: 'https://x.test' } });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body)).toContain('webhook_url');

    const invalid = await patch(account.id, {
      name: 'Renamed',
      telegram: { bot_token: 'new', secret_token: 'no spaces' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual([
      expect.objectContaining({ in: 'request body', path: 'telegram.secret_token' }),
    ]);
    // A required field cannot be cleared.
    const cleared = await patch(account.id, { telegram: { bot_token: null } });
    expect(cleared.status).toBe(400);
    expect(JSON.stringify(cleared.body)).toContain('bot_token');
    // A URL the service would call passes the outbound guard again.
    const withCredentials = await patch(account.id, { telegram: { api_base_url: 'https://user:pw@api.telegram.org' } });
    expect(withCredentials.status).toBe(400);
    expect(withCredentials.body.error.details).toEqual([expect.objectContaining({ path: 'telegram.api_base_url' })]);

    expect(await h.collections.channelAccounts.findOne({ _id: account.id })).toEqual(before);
  });
});
