import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startRecordingServer, sendJson } from '../support/recording-server.js';
import { startScriptedLlm } from '../support/scripted-llm.js';

const OPERATOR_KEY = 'sk-test';
const SECRET_BODY = 'mongodb://admin:hunter2@10.0.0.5:27017 sk-live-OPERATOR-SECRET';

/**
 * Issue 18, findings 1 and 2: the provider is resolved as one unit (base URL + key + allowed models),
 * so an organization cannot make the service send the operator's key (`AI_API_KEY`) anywhere but the
 * operator's base URL, nor spend it on models and token counts the operator did not allow; and a
 * provider URL is not a channel to read what the service can reach (no redirects, no echoed bodies).
 * The operator's provider and the organization's are stand-in servers recording every request.
 */
describe('provider isolation: the operator key stays with the operator URL', () => {
  let h: Harness;
  let hostile: Awaited<ReturnType<typeof startScriptedLlm>>;
  let jwt: string;
  let sequence = 0;

  beforeAll(async () => {
    h = await startHarness({ AI_ALLOWED_MODELS: 'scripted-model, small-model', AI_MAX_TOKENS_LIMIT: '500' });
    hostile = await startScriptedLlm();
    jwt = await h.adminJwt();
  });
  afterAll(async () => {
    await h?.close();
    await hostile?.close();
  });

  const put = (path: string, body: Record<string, unknown>) => h.request('put', path, { bearer: jwt, body });
  const adminTest = (accountId?: string) =>
    h.request('post', '/v1/ai/admin/test', {
      bearer: jwt,
      body: { message: 'Say hi', ...(accountId ? { account_id: accountId } : {}) },
    });
  const bearers = (server: { requests: { headers: { authorization?: string } }[] }) =>
    server.requests.map((request) => request.headers.authorization);

  /** Posts an inbound message and waits until its turn is logged. */
  async function turn(accountId: string, text: string) {
    sequence += 1;
    const accepted = await h.inbound(accountId, {
      message_id: `wamid.isolation-${sequence}`,
      from: { id: `3462200000${sequence}` },
      text,
    });
    expect(accepted.status).toBe(202);
    return eventually(() => h.collections.aiLogs.findOne({ triggerMessageIds: accepted.body.message_id }), {
      what: `the AI log of "${text}"`,
    });
  }

  it('a hostile organization that points base_url at its own server never receives the operator key', async () => {
    const account = await h.createChannelAccount('Hostile account');

    // Saving base_url alone, with no key of the organization's own, is refused and nothing is saved.
    for (const path of ['/v1/ai/global', `/v1/accounts/${account.id}/ai`]) {
      const refused = await put(path, { base_url: hostile.baseUrl });
      expect(refused.status, path).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'provider_key_required',
        details: [{ in: 'request body', path: 'base_url', message: expect.stringContaining('api_key') }],
      });
      expect((await h.request('get', path, { bearer: jwt })).body.base_url).toBeNull();
    }

    // Through the layers it can still get there: a global key, the account's URL, then the key cleared.
    expect((await put('/v1/ai/global', { api_key: 'sk-org-own' })).status).toBe(200);
    expect((await put(`/v1/accounts/${account.id}/ai`, { base_url: hostile.baseUrl })).status).toBe(200);
    expect((await put('/v1/ai/global', { api_key: null })).status).toBe(200);
    const effective = await h.request('get', `/v1/accounts/${account.id}/chats/anyone/ai`, { bearer: jwt });
    expect(effective.body.effective).toMatchObject({
      base_url: { value: hostile.baseUrl, source: 'account' },
      has_api_key: { value: false },
    });

    // The test routes refuse with the documented error body; a real turn is skipped with the reason.
    const asAdmin = await adminTest(account.id);
    expect(asAdmin.status).toBe(422);
    expect(asAdmin.body.error).toMatchObject({
      code: 'provider_key_required',
      message: expect.stringMatching(/^Cannot test: base_url is not the service’s provider/),
    });
    const asAccount = await h.request('post', '/v1/ai/chat/test', {
      bearer: account.account_token,
      body: { message: 'Say hi' },
    });
    expect(asAccount.status).toBe(422);
    expect(asAccount.body.error.code).toBe('provider_key_required');
    const log = await turn(account.id, 'Hello?');
    expect(log).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('set an api_key') });

    expect(hostile.requests).toHaveLength(0);
    expect(h.llm.requests).toHaveLength(0);

    // With a key of its own, its own server gets its own key, and only that.
    expect((await put(`/v1/accounts/${account.id}/ai`, { api_key: 'sk-hostile-own' })).status).toBe(200);
    hostile.script({ reply: 'From my own provider.' });
    expect((await adminTest(account.id)).body).toMatchObject({ reply: 'From my own provider.' });
    expect(bearers(hostile)).toEqual(['Bearer sk-hostile-own']);
    expect(bearers(hostile)).not.toContain(`Bearer ${OPERATOR_KEY}`);
  });

  it('the operator key serves only AI_ALLOWED_MODELS and at most AI_MAX_TOKENS_LIMIT; an organization key is not bound', async () => {
    const account = await h.createChannelAccount('Model account');
    const calls = h.llm.requests.length;
    expect((await put('/v1/ai/global', { model_name: 'gpt-expensive', max_tokens: 4000 })).status).toBe(200);

    const refused = await adminTest();
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'model_not_allowed',
      message: expect.stringContaining('choose one of scripted-model, small-model'),
    });
    const log = await turn(account.id, 'Use the big model');
    expect(log).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('not allowed') });
    expect(h.llm.requests).toHaveLength(calls);

    // An allowed model on the operator key: max_tokens is bounded, and the effective view says by whom.
    expect((await put('/v1/ai/global', { model_name: 'small-model' })).status).toBe(200);
    const effective = await h.request('get', `/v1/accounts/${account.id}/chats/anyone/ai`, { bearer: jwt });
    expect(effective.body.effective.max_tokens).toEqual({ value: 500, source: 'environment' });
    expect((await adminTest()).status).toBe(200);
    expect(h.llm.requests.at(-1)!.body).toMatchObject({ model: 'small-model', max_tokens: 500 });
    expect(h.llm.requests.at(-1)!.headers.authorization).toBe(`Bearer ${OPERATOR_KEY}`);

    // The organization's own key, at the operator's URL: any model, its own max_tokens.
    expect((await put('/v1/ai/global', { model_name: 'gpt-expensive', api_key: 'sk-org-paid' })).status).toBe(200);
    expect((await adminTest()).status).toBe(200);
    expect(h.llm.requests.at(-1)!.body).toMatchObject({ model: 'gpt-expensive', max_tokens: 4000 });
    expect(h.llm.requests.at(-1)!.headers.authorization).toBe('Bearer sk-org-paid');
    await put('/v1/ai/global', { model_name: null, max_tokens: null, api_key: null });
  });

  it('a provider failure answers a generic text and the status: nothing of its body in the 502 or the AI log', async () => {
    const account = await h.createChannelAccount('Failing provider account');
    h.llm.script({ status: 500, error: { message: SECRET_BODY } });
    const failed = await adminTest();
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({
      code: 'provider_error',
      message: 'provider answered 500',
      details: { provider_status: 500 },
    });
    expect(JSON.stringify(failed.body)).not.toMatch(/hunter2|OPERATOR-SECRET|10\.0\.0\.5/);
    const testLog = await h.collections.aiLogs.findOne({ origin: 'test', outcome: 'failed' });
    expect(testLog?.reason).toBe('provider answered 500');

    // A real turn (a final 4xx, logged at once): the same generic reason.
    h.llm.script({ status: 400, error: { message: SECRET_BODY } });
    const log = await turn(account.id, 'Will this leak?');
    expect(log).toMatchObject({ outcome: 'failed', reason: 'provider answered 400' });
    expect(JSON.stringify(log)).not.toMatch(/hunter2|OPERATOR-SECRET/);
  });

  it('a webhook subscriber’s error body is not echoed into the delivery log (status only)', async () => {
    const subscriber = await startRecordingServer((_request, response) =>
      sendJson(response, 400, { error: SECRET_BODY }),
    );
    try {
      const account = await h.createChannelAccount('Webhook account');
      const subscription = await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
        bearer: jwt,
        body: { url: subscriber.url, events: ['ai.reply.generated'] },
      });
      expect(subscription.status).toBe(201);
      const log = await turn(account.id, 'Tell my webhook');
      const delivery = await eventually(
        async () => {
          const deliveries = await h.request('get', `/v1/accounts/${account.id}/webhooks/deliveries`, { bearer: jwt });
          return deliveries.body.find(
            (d: any) => d.payload.data.message_id === log.replyMessageId && d.status === 'failed',
          );
        },
        { what: 'the failed delivery' },
      );
      expect(delivery).toMatchObject({ last_status_code: 400, last_error: 'answered 400' });
      expect(subscriber.requests).toHaveLength(1);
    } finally {
      await subscriber.close();
    }
  });

  it('a provider that redirects is not followed', async () => {
    const elsewhere = await startScriptedLlm();
    const redirector = await startRecordingServer((request, response) => {
      response.writeHead(302, { location: `${elsewhere.baseUrl}/chat/completions` });
      response.end();
    });
    try {
      const account = await h.createChannelAccount('Redirecting account');
      const saved = await put(`/v1/accounts/${account.id}/ai`, {
        base_url: `${redirector.url}/v1`,
        api_key: 'sk-redirect-own',
      });
      expect(saved.status).toBe(200);
      const answer = await adminTest(account.id);
      expect(answer.status).toBe(502);
      expect(answer.body.error).toMatchObject({ code: 'provider_error', message: 'provider answered 302' });
      expect(redirector.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await redirector.close();
      await elsewhere.close();
    }
  });
});

/**
 * Private targets are opt-in (finding 3): without OUTBOUND_ALLOW_PRIVATE_NETWORK an organization
 * cannot point anything at a loopback address, while the operator's own provider (AI_BASE_URL, here
 * on 127.0.0.1) is the operator's choice and still answers.
 */
describe('private targets denied by default', () => {
  let h: Harness;
  let jwt: string;
  let subscriber: Awaited<ReturnType<typeof startRecordingServer>>;

  beforeAll(async () => {
    h = await startHarness({ OUTBOUND_ALLOW_PRIVATE_NETWORK: 'false' });
    jwt = await h.adminJwt();
    subscriber = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
  });
  afterAll(async () => {
    await h?.close();
    await subscriber?.close();
  });

  it('refuses an organization provider, hook or webhook on a private address; the operator provider still answers', async () => {
    expect(h.config.outbound.allowPrivateNetwork).toBe(false);
    const provider = await h.request('put', '/v1/ai/global', {
      bearer: jwt,
      body: { base_url: 'http://127.0.0.1:9/v1', api_key: 'sk-own' },
    });
    expect(provider.status).toBe(400);
    expect(provider.body.error.details).toEqual([
      { in: 'request body', path: 'base_url', message: expect.stringContaining('private address') },
    ]);
    const account = await h.request('post', '/v1/accounts', {
      body: { name: 'Private hook', type: 'whatsapp', outbound_hook_url: `${subscriber.url}/hook` },
    });
    expect(account.status).toBe(400);

    h.llm.script({ reply: 'The operator provider answers.' });
    const answer = await h.request('post', '/v1/ai/admin/test', { bearer: jwt, body: { message: 'Say hi' } });
    expect(answer.status).toBe(200);
    expect(answer.body.reply).toBe('The operator provider answers.');
    expect(subscriber.requests).toHaveLength(0);
  });
});
