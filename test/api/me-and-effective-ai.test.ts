import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

describe('GET /v1/me: whose credentials these are', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('names the organization, the actor and the scopes of an API key', async () => {
    const created = await h.request('post', '/v1/api-keys', {
      body: { name: 'Support desk', scopes: ['conversations.readonly', 'conversations.write'] },
    });
    expect(created.status).toBe(201);
    const { status, body } = await h.request('get', '/v1/me', { key: created.body.key });
    expect(status).toBe(200);
    expect(body).toEqual({
      organization_id: h.organizationId,
      actor: { type: 'api_key', id: created.body.id, name: 'Support desk', email: null },
      scopes: ['conversations.readonly', 'conversations.write'],
      channel_account_id: null,
    });
  });

  it('an admin JWT acts as its subject with the admin scope', async () => {
    const { status, body } = await h.request('get', '/v1/me', { bearer: await h.adminJwt() });
    expect(status).toBe(200);
    expect(body).toEqual({
      organization_id: h.organizationId,
      actor: { type: 'admin', id: 'admin@example.com', name: 'Ada Admin', email: 'admin@example.com' },
      scopes: ['admin'],
      channel_account_id: null,
    });
  });

  it('an account token names its channel account', async () => {
    const account = await h.createChannelAccount();
    const { status, body } = await h.request('get', '/v1/me', { bearer: account.account_token });
    expect(status).toBe(200);
    expect(body.actor.type).toBe('account');
    expect(body.channel_account_id).toBe(account.id);
  });

  it('refuses missing or wrong credentials with 401 in the /v1 error body', async () => {
    const missing = await h.request('get', '/v1/me', { key: null });
    expect(missing.status).toBe(401);
    const wrong = await h.request('get', '/v1/me', { key: 'cp_not-a-key' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Invalid API key');
  });

  it('is in the OpenAPI document', async () => {
    const { body } = await h.request('get', '/openapi.json', { key: null });
    expect(body.paths['/v1/me'].get.operationId).toBe('getMe');
    expect(body.paths['/v1/ai/effective'].get.operationId).toBe('getEffectiveAiConfig');
  });
});

describe('GET /v1/ai/effective: the configuration in force at each layer, and where each value comes from', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('names the layer of every value: environment, global, account, chat', async () => {
    const account = await h.createChannelAccount();
    const organization = await h.request('get', '/v1/ai/effective');
    expect(organization.status).toBe(200);
    expect(organization.body.model_name).toEqual({ value: 'scripted-model', source: 'environment' });

    expect((await h.request('put', '/v1/ai/global', { body: { temperature: 0.3 } })).status).toBe(200);
    expect((await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { max_tokens: 99 } })).status).toBe(200);
    const chatPut = await h.request('put', `/v1/accounts/${account.id}/chats/chat-7/ai`, {
      body: { mode: 'enabled', custom_system_prompt: 'Be brief.' },
    });
    expect(chatPut.status).toBe(200);

    const global = (await h.request('get', '/v1/ai/effective')).body;
    expect(global.temperature).toEqual({ value: 0.3, source: 'global' });
    expect(global.max_tokens.source).toBe('environment');

    const forAccount = (await h.request('get', `/v1/ai/effective?account_id=${account.id}`)).body;
    expect(forAccount.temperature).toEqual({ value: 0.3, source: 'global' });
    expect(forAccount.max_tokens).toEqual({ value: 99, source: 'account' });
    expect(forAccount.system_prompt.source).toBe('environment');

    const forChat = await h.request('get', `/v1/ai/effective?account_id=${account.id}&chat_id=chat-7`);
    expect(forChat.body.system_prompt).toEqual({ value: 'Be brief.', source: 'chat' });
    expect(forChat.body.chat_mode).toEqual({ value: 'enabled', source: 'chat' });
    // The same answer as the chat's own settings route gives.
    expect(forChat.body).toEqual(chatPut.body.effective);
  });

  it('refuses a chat without its account, another organization’s account, and non-admins', async () => {
    const chatOnly = await h.request('get', '/v1/ai/effective?chat_id=chat-7');
    expect(chatOnly.status).toBe(400);
    expect(chatOnly.body.error.details[0]).toMatchObject({ path: 'chat_id', message: 'chat_id needs account_id' });
    expect((await h.request('get', '/v1/ai/effective?account_id=acc_unknown')).status).toBe(404);
    const reader = await h.request('post', '/v1/api-keys', {
      body: { name: 'Reader', scopes: ['conversations.readonly'] },
    });
    expect((await h.request('get', '/v1/ai/effective', { key: reader.body.key })).status).toBe(403);
  });
});
