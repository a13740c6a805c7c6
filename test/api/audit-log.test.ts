/**
 * The audit log of admin changes through the real API: who (API key id or admin JWT `sub`, client
 * address as TRUSTED_PROXIES allow), what (action, target, before/after with secrets redacted),
 * when; readable by the organization only, newest first, page by page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustedProxies } from '../../src/lib/trusted-proxies.js';
import { startApi } from '../../src/server.js';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { apiClient } from '../support/api-client.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('audit log', () => {
  let h: Harness;
  let adminKeyId: string;

  beforeAll(async () => {
    // The test client connects from 127.0.0.1: here that is the trusted proxy.
    h = await startHarness({ TRUSTED_PROXIES: '127.0.0.1' });
    const keys = await h.request('get', '/v1/api-keys');
    adminKeyId = keys.body.find((key: { name: string }) => key.name === 'admin').id;
  });
  afterAll(() => h?.close());

  const entries = async (query = '') => (await h.request('get', `/v1/audit-log${query}`)).body.entries as any[];

  it('records AI settings changes with the actor, the forwarded client address and before/after, secrets redacted', async () => {
    const forwarded = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' };
    const first = await h.request('put', '/v1/ai/global', {
      body: { api_key: 'sk-audited-secret', model_name: 'model-one' },
      headers: forwarded,
    });
    expect(first.status).toBe(200);
    await h.request('put', '/v1/ai/global', { body: { model_name: 'model-two' }, headers: forwarded });

    const [latest, earlier] = await entries();
    expect(latest).toMatchObject({
      action: 'ai_settings.updated',
      target: { type: 'ai_settings', id: `global:${h.organizationId}` },
      // The leftmost address was written by the client; the proxy vouches for 203.0.113.7.
      actor: { type: 'api_key', id: adminKeyId, name: 'admin', ip: '203.0.113.7' },
      before: { modelName: 'model-one', apiKey: '[redacted]' },
      after: { modelName: 'model-two', apiKey: '[redacted]' },
    });
    expect(Date.now() - Date.parse(latest.at)).toBeLessThan(60_000);
    expect(earlier).toMatchObject({ before: null, after: { modelName: 'model-one', apiKey: '[redacted]' } });
    expect(JSON.stringify(await entries())).not.toContain('sk-audited-secret');
  });

  it('records accounts, webhooks and API keys, naming an admin by the JWT’s sub', async () => {
    const account = await h.createChannelAccount('Audited WhatsApp');
    await h.request('patch', `/v1/accounts/${account.id}`, { body: { name: 'Renamed WhatsApp' } });
    await h.request('post', `/v1/accounts/${account.id}/token`);
    await h.request('put', `/v1/accounts/${account.id}/human-takeover-webhook`, {
      body: { url: `${h.hook.url}/takeover`, headers: { Authorization: 'Bearer crm-secret-token' } },
    });
    const subscription = await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      body: { url: `${h.hook.url}/events`, events: ['ai.reply.sent'] },
    });
    await h.request('delete', `/v1/accounts/${account.id}/webhooks/${subscription.body.id}`);
    const jwt = await h.adminJwt();
    const issued = await h.request('post', '/v1/api-keys', {
      body: { name: 'bridge', scopes: ['messages.ingest'] },
      bearer: jwt,
    });
    await h.request('delete', `/v1/api-keys/${issued.body.id}`, { bearer: jwt });

    const recorded = (await entries('?limit=200')).filter((entry) =>
      [account.id, subscription.body.id, issued.body.id].includes(entry.target.id),
    );
    expect(recorded.map((entry) => entry.action)).toEqual([
      'api_key.revoked',
      'api_key.created',
      'webhook_subscription.deleted',
      'webhook_subscription.created',
      'human_takeover_webhook.saved',
      'channel_account.token_rotated',
      'channel_account.updated',
      'channel_account.created',
    ]);
    const byAction = Object.fromEntries(recorded.map((entry) => [entry.action, entry]));
    expect(byAction['channel_account.updated']).toMatchObject({
      before: { name: 'Audited WhatsApp' },
      after: { name: 'Renamed WhatsApp' },
    });
    expect(byAction['channel_account.created'].after).toMatchObject({ outboundHookSecret: '[redacted]' });
    expect(byAction['human_takeover_webhook.saved'].after).toMatchObject({
      url: `${h.hook.url}/takeover`,
      headers: '[redacted]',
      signingSecret: '[redacted]',
    });
    expect(byAction['webhook_subscription.created'].after).toMatchObject({ secret: '[redacted]' });
    expect(byAction['api_key.created']).toMatchObject({
      actor: { type: 'admin', id: 'admin@example.com', name: 'Ada Admin' },
      after: { name: 'bridge', scopes: ['messages.ingest'], keyHash: '[redacted]' },
    });
    expect(byAction['api_key.revoked'].actor).toMatchObject({ type: 'admin', id: 'admin@example.com' });
    const text = JSON.stringify(recorded);
    for (const secret of ['crm-secret-token', account.hook_secret, account.account_token, issued.body.key]) {
      expect(text).not.toContain(secret);
    }
  });

  it('pages newest first with a cursor; bad cursors are 400; only the organization’s admins read it', async () => {
    const all = await entries('?limit=200');
    const paged: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await h.request('get', `/v1/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.body.entries);
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const times = paged.map((entry) => entry.at);
    expect(times).toEqual([...times].sort().reverse());

    const invalid = await h.request('get', '/v1/audit-log?cursor=bm90LWEtY3Vyc29y');
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'validation_error' } } });
    const ingestKey = await h.request('post', '/v1/api-keys', {
      body: { name: 'ingest', scopes: ['messages.ingest'] },
    });
    expect((await h.request('get', '/v1/audit-log', { key: ingestKey.body.key })).status).toBe(403);
    const other = await createOrganization(h.collections, { name: 'Other org' });
    const theirs = await h.request('get', '/v1/audit-log', { key: other.adminKey.key });
    expect(theirs).toMatchObject({ status: 200, body: { entries: [], next_cursor: null } });
  });

  it('without TRUSTED_PROXIES, X-Forwarded-For is ignored: the connecting address is recorded', async () => {
    const api = await startApi({
      ...h.config,
      http: { ...h.config.http, trustedProxies: new TrustedProxies(undefined) },
    });
    try {
      const request = apiClient(api.url, h.adminKey);
      const changed = await request('put', '/v1/ai/global', {
        body: { model_name: 'model-three' },
        headers: { 'x-forwarded-for': '203.0.113.99' },
      });
      expect(changed.status).toBe(200);
      const [latest] = await entries();
      expect(latest).toMatchObject({ after: { modelName: 'model-three' }, actor: { ip: '127.0.0.1' } });
    } finally {
      await api.close();
    }
  });
});
