import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { startScriptedLlm } from '../support/scripted-llm.js';

/**
 * Seed 002 end to end: layered configuration, the reply rules, echo mode, events and the test
 * routes, through the HTTP API on the real stack. The environment layer has no API key here.
 */
describe('AI integration (seed 002)', () => {
  let h: Harness;
  let account: { id: string; hook_secret: string; account_token: string };
  let jwt: string;
  let webhooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let webhookSecret: string;
  let accountLlm: Awaited<ReturnType<typeof startScriptedLlm>>;
  let sequence = 0;

  beforeAll(async () => {
    h = await startHarness({ AI_API_KEY: '' });
    account = await h.createChannelAccount();
    jwt = await h.adminJwt();
    webhooks = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    accountLlm = await startScriptedLlm();
    const subscription = await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      bearer: jwt,
      body: { url: webhooks.url, events: ['ai.reply.generated', 'ai.reply.sent', 'ai.reply.failed'] },
    });
    expect(subscription.status).toBe(201);
    webhookSecret = subscription.body.secret;
  });
  afterAll(async () => {
    await h?.close();
    await webhooks?.close();
    await accountLlm?.close();
  });

  /** Posts an inbound message and waits until its turn is logged; returns the AI log and conversation. */
  async function turn(text: string, options: { from?: string; chat?: { id: string; type: string } } = {}) {
    sequence += 1;
    const accepted = await h.inbound(account.id, {
      message_id: `wamid.ai-${sequence}`,
      from: { id: options.from ?? '34611000001' },
      text,
      ...(options.chat ? { chat: options.chat } : {}),
    });
    expect(accepted.status).toBe(202);
    const log = await eventually(() => h.collections.aiLogs.findOne({ triggerMessageIds: accepted.body.message_id }), {
      what: `the AI log of "${text}"`,
    });
    return {
      log,
      conversationId: accepted.body.conversation_id as string,
      contactId: accepted.body.contact_id as string,
    };
  }

  /** The sends of a reply (waits for the one that must come). */
  const sendOf = (replyMessageId: string) =>
    eventually(() => h.hook.sends().find((send) => send.message.id === replyMessageId), { what: 'the send' });

  it('without an API key anywhere: logs the turn as skipped, calls no provider and sends nothing', async () => {
    const { log } = await turn('Hello?');
    expect(log).toMatchObject({ outcome: 'skipped', reason: 'no API key configured' });
    expect(h.llm.requests).toHaveLength(0);
    expect(h.hook.sends()).toHaveLength(0);
  });

  it('rejects admin routes without admin credentials: 401 for none or a bad JWT, 403 for an account token', async () => {
    expect((await h.request('get', '/v1/ai/global', { key: null })).status).toBe(401);
    const forged = await h.request('get', '/v1/ai/global', { bearer: `${jwt.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    const expired = await h.request('get', '/v1/ai/global', { bearer: await h.adminJwt({ expiresIn: '-1m' }) });
    expect(expired.status).toBe(401);
    expect((await h.request('get', '/v1/ai/global', { bearer: account.account_token })).status).toBe(403);
  });

  it('global settings reach the provider; the API key is stored sealed and never returned', async () => {
    const body = {
      api_key: 'sk-global-secret-123',
      base_url: h.llm.baseUrl,
      model_name: 'global-model',
      default_system_prompt: 'Global prompt.',
      temperature: 0.7,
      max_tokens: 321,
    };
    const saved = await h.request('put', '/v1/ai/global', { bearer: jwt, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      has_api_key: true,
      model_name: 'global-model',
      temperature: 0.7,
      enabled: null,
    });
    const fetched = await h.request('get', '/v1/ai/global', { bearer: jwt });
    for (const answer of [saved, fetched]) expect(JSON.stringify(answer.body)).not.toContain('sk-global-secret-123');
    const stored = await h.collections.aiSettings.findOne({ organizationId: h.organizationId });
    expect(JSON.stringify(stored)).not.toContain('sk-global-secret-123');
    expect(stored?.settings?.apiKey).toMatchObject({ keyId: 'test', ciphertext: expect.any(String) });

    h.llm.script({ reply: 'Answer with global settings.' });
    const { log } = await turn('What can you do?');
    expect(log.outcome).toBe('generated');
    await sendOf(log.replyMessageId);
    const request = h.llm.requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer sk-global-secret-123');
    expect(request.body).toMatchObject({ model: 'global-model', temperature: 0.7, max_tokens: 321 });
    expect((request.body as any).messages[0]).toEqual({ role: 'system', content: 'Global prompt.' });
  });

  it('validates every setting with bounds and names the field', async () => {
    for (const [field, value] of [
      ['temperature', 2.5],
      ['max_tokens', 0],
      ['timeout_seconds', 601],
      ['reply_delay_seconds', -1],
      ['base_url', 'ftp://x.example'],
      ['api_key', ''],
      ['echo_mode', 'yes'],
      ['unknown_field', true],
    ] as const) {
      const response = await h.request('put', '/v1/ai/global', { bearer: jwt, body: { [field]: value } });
      expect(response.status, field).toBe(400);
      expect(JSON.stringify(response.body.error.details)).toContain(
        field === 'unknown_field' ? 'unknown_field' : field,
      );
    }
    const chat = await h.request('put', `/v1/accounts/${account.id}/chats/x/ai`, {
      bearer: jwt,
      body: { mode: 'sometimes' },
    });
    expect(chat.status).toBe(400);
  });

  it('the account layer overrides the global one, the chat prompt overrides both, and the effective view says so', async () => {
    const saved = await h.request('put', `/v1/accounts/${account.id}/ai`, {
      bearer: jwt,
      body: { base_url: accountLlm.baseUrl, api_key: 'sk-account-456', model_name: 'account-model' },
    });
    expect(saved.status).toBe(200);
    accountLlm.script({ reply: 'From the account provider.' });
    const first = await turn('Which provider?', { from: '34611000002' });
    await sendOf(first.log.replyMessageId);
    const request = accountLlm.requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer sk-account-456');
    expect(request.body).toMatchObject({ model: 'account-model', temperature: 0.7, max_tokens: 321 });
    expect((request.body as any).messages[0].content).toBe('Global prompt.');

    const chat = await h.request('put', `/v1/accounts/${account.id}/chats/34611000002/ai`, {
      bearer: jwt,
      body: { mode: 'inherit', custom_system_prompt: 'Chat prompt.' },
    });
    expect(chat.status).toBe(200);
    expect(chat.body.effective).toMatchObject({
      system_prompt: { value: 'Chat prompt.', source: 'chat' },
      model_name: { value: 'account-model', source: 'account' },
      base_url: { value: accountLlm.baseUrl, source: 'account' },
      has_api_key: { value: true, source: 'account' },
      temperature: { value: 0.7, source: 'global' },
      timeout_seconds: { value: 60, source: 'environment' },
      enabled: { value: true, source: 'environment' },
      chat_mode: { value: 'inherit', source: 'chat' },
    });
    expect(JSON.stringify(chat.body)).not.toContain('sk-account-456');
    accountLlm.script({ reply: 'With the chat prompt.' });
    const second = await turn('And now?', { from: '34611000002' });
    await sendOf(second.log.replyMessageId);
    expect((accountLlm.requests.at(-1)!.body as any).messages[0].content).toBe('Chat prompt.');
    expect(
      (await h.request('get', `/v1/accounts/${account.id}/chats/34611000002/ai`, { bearer: jwt })).body,
    ).toMatchObject({
      mode: 'inherit',
      custom_system_prompt: 'Chat prompt.',
    });

    // Clearing the account's fields (null) hands them back to the global layer.
    await h.request('put', `/v1/accounts/${account.id}/ai`, {
      bearer: jwt,
      body: { base_url: null, api_key: null, model_name: null },
    });
    const cleared = await h.request('get', `/v1/accounts/${account.id}/chats/34611000002/ai`, { bearer: jwt });
    expect(cleared.body.effective.model_name).toEqual({ value: 'global-model', source: 'global' });
    expect(cleared.body.effective.has_api_key).toEqual({ value: true, source: 'global' });
  });

  it.each([
    ['the chat is disabled', 'chat', { mode: 'disabled' }, 'AI disabled for this chat'],
    ['the account switched AI off', 'account', { enabled: false }, 'AI disabled'],
    ['the organization switched AI off', 'global', { enabled: false }, 'AI disabled'],
  ] as const)('does not reply when %s', async (_case, layer, settings, reason) => {
    const from = `3461100010${layer.length}`;
    const path = {
      chat: `/v1/accounts/${account.id}/chats/${from}/ai`,
      account: `/v1/accounts/${account.id}/ai`,
      global: '/v1/ai/global',
    }[layer];
    expect((await h.request('put', path, { bearer: jwt, body: settings })).status).toBe(200);
    const llmCalls = h.llm.requests.length;
    const { log } = await turn('Are you there?', { from });
    expect(log).toMatchObject({ outcome: 'skipped', reason });
    expect(h.llm.requests).toHaveLength(llmCalls);
    expect(h.hook.sends().some((send) => send.message.id === log.replyMessageId)).toBe(false);
    const restore = layer === 'chat' ? { mode: 'inherit' } : { enabled: null };
    expect((await h.request('put', path, { bearer: jwt, body: restore })).status).toBe(200);
  });

  it('does not reply to a blocked contact, and does again once unblocked', async () => {
    const first = await turn('Hi', { from: '34611000200' });
    expect(first.log.outcome).toBe('generated');
    const blocked = await h.request('patch', `/v1/contacts/${first.contactId}`, { body: { blocked: true } });
    expect(blocked.body).toMatchObject({ id: first.contactId, blocked: true });
    expect((await turn('Hi again', { from: '34611000200' })).log).toMatchObject({
      outcome: 'skipped',
      reason: 'contact is blocked',
    });
    await h.request('patch', `/v1/contacts/${first.contactId}`, { body: { blocked: false } });
    expect((await turn('Hi once more', { from: '34611000200' })).log.outcome).toBe('generated');
  });

  it('answers groups and channels only when reply_to_* allows it or the chat is explicitly enabled', async () => {
    const group = { id: '120363000000@g.us', type: 'group' };
    expect((await turn('Group hello', { chat: group })).log).toMatchObject({
      outcome: 'skipped',
      reason: 'replies to group chats are off',
    });
    const channel = { id: '120363999999@newsletter', type: 'channel' };
    expect((await turn('Channel hello', { chat: channel })).log).toMatchObject({
      outcome: 'skipped',
      reason: 'replies to channel chats are off',
    });

    await h.request('put', `/v1/accounts/${account.id}/chats/${group.id}/ai`, {
      bearer: jwt,
      body: { mode: 'enabled' },
    });
    expect((await turn('Group hello again', { chat: group })).log.outcome).toBe('generated');
    await h.request('put', `/v1/accounts/${account.id}/ai`, { bearer: jwt, body: { reply_to_channels: true } });
    expect((await turn('Channel hello again', { chat: channel })).log.outcome).toBe('generated');
    await h.request('put', `/v1/accounts/${account.id}/ai`, { bearer: jwt, body: { reply_to_channels: null } });
  });

  it('echo mode replies with the incoming text without calling the provider', async () => {
    await h.request('put', `/v1/accounts/${account.id}/ai`, { bearer: jwt, body: { echo_mode: true } });
    const llmCalls = h.llm.requests.length + accountLlm.requests.length;
    const { log } = await turn('ping 42', { from: '34611000300' });
    expect(log).toMatchObject({ outcome: 'generated', model: 'echo', reply: 'ping 42' });
    expect((await sendOf(log.replyMessageId)).message.text).toBe('ping 42');
    expect(h.llm.requests.length + accountLlm.requests.length).toBe(llmCalls);
    await h.request('put', `/v1/accounts/${account.id}/ai`, { bearer: jwt, body: { echo_mode: null } });
  });

  it('emits ai.reply.generated then ai.reply.sent, signed, and keeps a delivery log', async () => {
    h.llm.script({ reply: 'Evented reply.' });
    const { log, conversationId } = await turn('Tell me something', { from: '34611000400' });
    const send = await sendOf(log.replyMessageId);
    const events = await eventually(
      () => {
        const mine = webhooks.requests.filter((r) => (r.body as any).data.message_id === log.replyMessageId);
        return mine.length === 2 && mine;
      },
      { what: 'both events' },
    );
    expect(events.map((e) => (e.body as any).type).sort()).toEqual(['ai.reply.generated', 'ai.reply.sent']);
    for (const event of events)
      expect(() =>
        new Webhook(webhookSecret).verify(event.rawBody, event.headers as Record<string, string>),
      ).not.toThrow();
    const generated = events.find((e) => (e.body as any).type === 'ai.reply.generated')!.body as any;
    expect(generated.data).toMatchObject({
      conversation_id: conversationId,
      channel_account_id: account.id,
      message_id: log.replyMessageId,
      text: 'Evented reply.',
      ai_log_id: log._id,
    });
    const sent = events.find((e) => (e.body as any).type === 'ai.reply.sent')!.body as any;
    expect(sent.data).toMatchObject({
      message_id: send.message.id,
      channel_message_id: expect.stringMatching(/^wamid-/),
    });

    const deliveries = await h.request(
      'get',
      `/v1/accounts/${account.id}/webhooks/deliveries?event=ai.reply.sent&limit=5`,
      { bearer: jwt },
    );
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.find((d: any) => d.payload.data.message_id === log.replyMessageId)).toMatchObject({
      event: 'ai.reply.sent',
      status: 'delivered',
      attempts: 1,
      last_status_code: 200,
    });
  });

  it('starts an event workflow only for events someone subscribed to', async () => {
    const eventWorkflow = (replyMessageId: string, type: string) =>
      h.api.deps.temporal.workflow.getHandle(`webhook-event/${h.organizationId}/${replyMessageId}.${type}`);
    const unsubscribed = await h.createChannelAccount('WhatsApp without webhooks');
    await h.request('put', `/v1/accounts/${unsubscribed.id}/ai`, { bearer: jwt, body: { echo_mode: true } });
    const quiet = await h.inbound(unsubscribed.id, {
      message_id: 'wamid.quiet-1',
      from: { id: '34611000500' },
      text: 'hi',
    });
    expect(quiet.status).toBe(202);
    const quietLog = await eventually(
      () => h.collections.aiLogs.findOne({ triggerMessageIds: quiet.body.message_id }),
      {
        what: 'the unsubscribed turn',
      },
    );
    await sendOf(quietLog.replyMessageId);
    await expect(eventWorkflow(quietLog.replyMessageId, 'ai.reply.sent').describe()).rejects.toThrow(/not found/i);
    await expect(eventWorkflow(quietLog.replyMessageId, 'ai.reply.generated').describe()).rejects.toThrow(/not found/i);

    h.llm.script({ reply: 'Heard.' });
    const { log } = await turn('Anyone listening?', { from: '34611000501' });
    await sendOf(log.replyMessageId);
    await eventually(
      () =>
        eventWorkflow(log.replyMessageId, 'ai.reply.sent')
          .describe()
          .catch(() => null),
      {
        what: 'the subscribed account’s event workflow',
      },
    );
  });

  it('a provider failure is logged, emits ai.reply.failed and sends nothing', async () => {
    h.llm.script({
      status: 401,
      error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    const { log } = await turn('Will this fail?', { from: '34611000500' });
    expect(log).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('401') });
    const failed = await eventually(
      () =>
        webhooks.requests.find(
          (r) => (r.body as any).type === 'ai.reply.failed' && (r.body as any).data.message_id === log.replyMessageId,
        ),
      { what: 'ai.reply.failed' },
    );
    expect((failed.body as any).data).toMatchObject({ stage: 'generation', reason: expect.stringContaining('401') });
    expect(() =>
      new Webhook(webhookSecret).verify(failed.rawBody, failed.headers as Record<string, string>),
    ).not.toThrow();
    expect(h.hook.sends().some((send) => send.message.id === log.replyMessageId)).toBe(false);
  });

  it('an insufficient_quota answer marks the organization out of funds', async () => {
    h.llm.script({
      status: 429,
      error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' },
    });
    const { log } = await turn('Any credit left?', { from: '34611000600' });
    expect(log.outcome).toBe('failed');
    expect(await h.collections.organizations.findOne({ _id: h.organizationId })).toMatchObject({
      providerStatus: 'insufficient_funds',
    });
    await h.collections.organizations.updateOne({ _id: h.organizationId }, { $set: { providerStatus: 'ok' } });
  });

  describe('test routes', () => {
    it('POST /v1/ai/chat/test answers with an account token and, with send_to_chat, sends into the chat', async () => {
      h.llm.script({ reply: 'Test reply only.' });
      const only = await h.request('post', '/v1/ai/chat/test', {
        bearer: account.account_token,
        body: { message: 'Hello, can you help me?' },
      });
      expect(only.status).toBe(200);
      expect(only.body).toMatchObject({
        reply: 'Test reply only.',
        model: 'global-model',
        sent: false,
        message_id: null,
      });
      expect(await h.collections.aiLogs.findOne({ _id: only.body.ai_log_id })).toMatchObject({
        origin: 'test',
        reply: 'Test reply only.',
      });

      const { conversationId } = await turn('Start a chat', { from: '34611000700' });
      h.llm.script({ reply: 'Sent from the test route.' });
      const sent = await h.request('post', '/v1/ai/chat/test', {
        bearer: account.account_token,
        body: { message: 'Say hello', chat_id: '34611000700', send_to_chat: true },
      });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ reply: 'Sent from the test route.', sent: true });
      const send = await sendOf(sent.body.message_id);
      expect(send).toMatchObject({ conversation_id: conversationId, message: { text: 'Sent from the test route.' } });

      expect((await h.request('post', '/v1/ai/chat/test', { body: { message: 'hi' } })).status).toBe(403);
      expect(
        (await h.request('post', '/v1/ai/chat/test', { bearer: 'cp_wrong', body: { message: 'hi' } })).status,
      ).toBe(401);
      const noChat = await h.request('post', '/v1/ai/chat/test', {
        bearer: account.account_token,
        body: { message: 'hi', chat_id: 'nobody', send_to_chat: true },
      });
      expect(noChat.status).toBe(404);
      expect(
        (await h.request('post', '/v1/ai/chat/test', { bearer: account.account_token, body: { message: '' } })).status,
      ).toBe(400);
    });

    it('POST /v1/ai/admin/test answers with an admin JWT; another organization’s account is 404', async () => {
      h.llm.script({ reply: 'Admin test reply.' });
      const answer = await h.request('post', '/v1/ai/admin/test', {
        bearer: jwt,
        body: { account_id: account.id, message: 'Say hi' },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ reply: 'Admin test reply.', sent: false, usage: { total_tokens: 18 } });
      const otherOrgJwt = await h.adminJwt({ organizationId: 'another-organization' });
      const foreign = await h.request('post', '/v1/ai/admin/test', {
        bearer: otherOrgJwt,
        body: { account_id: account.id, message: 'Say hi' },
      });
      expect(foreign.status).toBe(404);
      expect((await h.request('get', `/v1/accounts/${account.id}/ai`, { bearer: otherOrgJwt })).status).toBe(404);
    });

    it('reports a provider failure as 502 and a missing key as 422', async () => {
      h.llm.script({ status: 500, error: { message: 'upstream exploded' } });
      const failed = await h.request('post', '/v1/ai/admin/test', { bearer: jwt, body: { message: 'Say hi' } });
      expect(failed.status).toBe(502);
      expect(failed.body.error.code).toBe('provider_error');
      await h.request('put', '/v1/ai/global', { bearer: jwt, body: { api_key: null } });
      const noKey = await h.request('post', '/v1/ai/admin/test', { bearer: jwt, body: { message: 'Say hi' } });
      expect(noKey.status).toBe(422);
      expect(noKey.body.error).toMatchObject({ code: 'no_api_key', message: 'Cannot test: no API key configured' });
    });
  });
});
