import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { conversationStateQuery, conversationWorkflowId } from '../../src/workflows/definitions.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';

/** Seeds 000, 001 and 003 through the HTTP API on the real stack, all acting on the one workflow. */
describe('human takeover and conversation control', () => {
  let h: Harness;
  let account: { id: string; hook_secret: string };
  let takeover: Awaited<ReturnType<typeof startRecordingServer>>;
  let sequence = 0;

  beforeAll(async () => {
    // Room for this file's open/close calls; rate-limits.test.ts exercises the limit itself.
    h = await startHarness({ RATE_LIMIT_CONVERSATION_STATUS_POINTS: '1000' });
    account = await h.createChannelAccount('Support WhatsApp');
    takeover = await startRecordingServer((_request, response) => sendJson(response, 200, { ok: true }));
  });
  afterAll(async () => {
    await h?.close();
    await takeover?.close();
  });

  /** Posts an inbound message from `from` and returns the conversation and message ids. */
  async function inbound(from: string, text: string, extra: Record<string, unknown> = {}) {
    sequence += 1;
    const accepted = await h.inbound(account.id, {
      message_id: `wamid.ctl-${sequence}`,
      from: { id: from, ...extra },
      text,
    });
    expect(accepted.status).toBe(202);
    return accepted.body as { conversation_id: string; message_id: string; contact_id: string };
  }

  const repliesIn = (conversationId: string) =>
    h.hook.sends().filter((send) => send.conversation_id === conversationId);

  /** Sends a message and waits for its reply: proof that nothing else was answered before it. */
  async function answered(from: string, text: string, reply: string) {
    h.llm.script({ reply });
    const { conversation_id } = await inbound(from, text);
    await eventually(() => repliesIn(conversation_id).some((send) => send.message.text === reply), {
      what: `the reply "${reply}"`,
    });
    return repliesIn(conversation_id).map((send) => send.message.text);
  }

  const botControl = (body: unknown, key?: string | null) =>
    h.request('post', '/functions/v1/bot-control', { body, key });
  const listing = (query: string) => h.request('get', `/functions/v1/rest-api-proxy/conversations?${query}`);

  it('pause: no AI reply, the takeover webhook fires once with merged body, headers and method; resume: answered again', async () => {
    const configured = await h.request('put', `/v1/accounts/${account.id}/human-takeover-webhook`, {
      body: {
        url: `${takeover.url}/takeover`,
        method: 'PATCH',
        headers: { Authorization: 'Bearer crm-token', 'X-Source': 'convo-pilot' },
        body: {
          channel_name: 'Overridden channel name',
          team: 'tier-2',
          matrix: [[1, 2], []],
          'a.b': { $weird: true },
        },
      },
    });
    expect(configured.status).toBe(200);
    expect(configured.body).toEqual({
      url: `${takeover.url}/takeover`,
      method: 'PATCH',
      header_names: ['Authorization', 'X-Source'],
      body: { channel_name: 'Overridden channel name', team: 'tier-2', matrix: [[1, 2], []], 'a.b': { $weird: true } },
      has_signing_secret: true,
      signing_secret: expect.stringMatching(/^whsec_/),
    });
    expect(JSON.stringify(configured.body)).not.toContain('crm-token');

    const from = '34622000001';
    expect(await answered(from, 'Hello', 'Hi, I am the bot.')).toEqual(['Hi, I am the bot.']);
    const conversationId = repliesIn(h.hook.sends().at(-1)!.conversation_id)[0]!.conversation_id;
    const contact = await h.collections.contacts.findOne({ organizationId: h.organizationId, externalId: from });
    await h.store.contacts.setFields(h.organizationId, contact!._id, {
      name: 'John Doe',
      phone: '+34622000001',
      email: 'john@example.com',
    });

    const paused = await botControl({ conversation_id: conversationId, action: 'pause' });
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ success: true, conversation_id: conversationId, bot_active: false, action: 'pause' });

    const call = await eventually(() => takeover.requests[0], { what: 'the takeover webhook' });
    expect(call.method).toBe('PATCH');
    expect(call.path).toBe('/takeover');
    expect(call.headers.authorization).toBe('Bearer crm-token');
    expect(call.headers['x-source']).toBe('convo-pilot');
    // Signed with the webhook's own secret, not the channel's hook secret.
    expect(() => h.hook.verify(call, configured.body.signing_secret)).not.toThrow();
    expect(() => h.hook.verify(call, account.hook_secret)).toThrow();
    expect(call.body).toMatchObject({
      event: 'human_takeover',
      conversation_id: conversationId,
      channel_account_id: account.id,
      channel_name: 'Overridden channel name',
      team: 'tier-2',
      matrix: [[1, 2], []],
      'a.b': { $weird: true },
      agent: { id: expect.any(String), name: 'admin', email: null },
      contact: { first_name: 'John', last_name: 'Doe', phones: ['+34622000001'], emails: ['john@example.com'] },
      timestamp: expect.any(String),
    });
    const deliveries = await h.request('get', `/v1/accounts/${account.id}/webhooks/deliveries?event=human_takeover`);
    expect(deliveries.body).toHaveLength(1);
    expect(deliveries.body[0]).toMatchObject({
      target: 'human_takeover',
      status: 'delivered',
      attempts: 1,
      last_status_code: 200,
    });

    // The Temporal UI and the listing show the paused bot.
    const description = await h.api.deps.temporal.workflow
      .getHandle(conversationWorkflowId(h.organizationId, conversationId))
      .describe();
    expect(description.searchAttributes.botState).toEqual(['paused']);
    expect((await listing(`id=${conversationId}&select=id,ai_agent_active,status`)).body).toEqual([
      { id: conversationId, ai_agent_active: false, status: 'open' },
    ]);

    await inbound(from, 'Are you a human now?');
    const again = await botControl({ conversation_id: conversationId, action: 'pause' });
    expect(again.body.bot_active).toBe(false);
    const resumed = await botControl({ conversation_id: conversationId, action: 'resume' });
    expect(resumed.body).toEqual({
      success: true,
      conversation_id: conversationId,
      bot_active: true,
      action: 'resume',
    });
    // Only the message after the resume is answered; the paused one was left to the human.
    expect(await answered(from, 'Back to the bot', 'The bot is back.')).toEqual([
      'Hi, I am the bot.',
      'The bot is back.',
    ]);
    expect(takeover.requests).toHaveLength(1);
    await h.recordHistory(conversationId, 'pause-resume');
  });

  it('bot-control answers the documented 400, 401 and 404 bodies', async () => {
    expect(await botControl({ action: 'pause' })).toMatchObject({
      status: 400,
      body: { error: 'Required: conversation_id, action' },
    });
    expect(await botControl({ conversation_id: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'Required: conversation_id, action' },
    });
    expect(await botControl({ conversation_id: 'x', action: 'stop' })).toMatchObject({
      status: 400,
      body: { error: 'action must be "pause" or "resume"' },
    });
    expect(await botControl({ conversation_id: 'x', action: 'pause' }, null)).toMatchObject({
      status: 401,
      body: { error: 'Missing authentication' },
    });
    expect(await botControl({ conversation_id: 'no-such-conversation', action: 'pause' })).toMatchObject({
      status: 404,
      body: { error: 'Conversation not found' },
    });
  });

  it('toggle-ai: off stores messages without replying, on answers the next one', async () => {
    const from = '34622000002';
    await answered(from, 'First', 'First answer.');
    const conversation = await h.collections.conversations.findOne({ organizationId: h.organizationId, chatId: from });
    const off = await h.request('post', `/api/conversations/${conversation!.number}/toggle-ai`, {
      body: { ai_enabled: false },
    });
    expect(off).toMatchObject({ status: 200, body: { success: true, message: 'AI state updated successfully' } });
    expect((await h.collections.conversations.findOne({ _id: conversation!._id }))?.aiEnabled).toBe(false);
    const during = await inbound(from, 'Anyone?');
    expect(await h.collections.messages.findOne({ _id: during.message_id })).toMatchObject({ text: 'Anyone?' });
    const on = await h.request('post', `/api/conversations/${conversation!.number}/toggle-ai`, {
      body: { ai_enabled: true },
    });
    expect(on.status).toBe(200);
    expect(await answered(from, 'Now?', 'Now I answer.')).toEqual(['First answer.', 'Now I answer.']);
  });

  it('toggle-ai: documented errors, and 402 INSUFFICIENT_FUNDS after a scripted insufficient_quota answer', async () => {
    expect(await h.request('post', '/api/conversations/1/toggle-ai', { body: {} })).toMatchObject({
      status: 400,
      body: { success: false, error: 'Error al cambiar estado de IA' },
    });
    expect(await h.request('post', '/api/conversations/abc/toggle-ai', { body: { ai_enabled: true } })).toMatchObject({
      status: 400,
    });
    expect(
      await h.request('post', '/api/conversations/999999/toggle-ai', { body: { ai_enabled: true } }),
    ).toMatchObject({
      status: 404,
      body: { success: false, error: 'Conversation not found' },
    });
    expect(
      await h.request('post', '/api/conversations/1/toggle-ai', { body: { ai_enabled: true }, key: null }),
    ).toMatchObject({
      status: 401,
      body: { success: false, error: 'UNAUTHORIZED' },
    });

    const from = '34622000003';
    h.llm.script({
      status: 429,
      error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' },
    });
    const { conversation_id } = await inbound(from, 'Out of credit?');
    await eventually(
      async () => (await h.request('get', '/v1/ai/provider-status')).body.status === 'insufficient_funds',
      {
        what: 'the provider status',
      },
    );
    const conversation = await h.collections.conversations.findOne({ _id: conversation_id });
    const path = `/api/conversations/${conversation!.number}/toggle-ai`;
    expect(await h.request('post', path, { body: { ai_enabled: false } })).toMatchObject({ status: 200 });
    expect(await h.request('post', path, { body: { ai_enabled: true } })).toMatchObject({
      status: 402,
      body: {
        success: false,
        error: 'INSUFFICIENT_FUNDS',
        message: 'No se puede activar la IA. Fondos insuficientes en OpenAI.',
      },
    });
    expect((await h.collections.conversations.findOne({ _id: conversation_id }))?.aiEnabled).toBe(false);
    expect(await h.request('delete', '/v1/ai/provider-status')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await h.request('post', path, { body: { ai_enabled: true } })).toMatchObject({ status: 200 });
  });

  it('lists conversations with select, filters, order, limit and offset; bad parameters are 400', async () => {
    const all = await listing(
      'select=id,number,ai_agent_active,status,contact_id,channel_account_id,last_message_at&order=last_message_at.desc&limit=100',
    );
    expect(all.status).toBe(200);
    expect(all.body.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(all.body[0]).sort()).toEqual([
      'ai_agent_active',
      'channel_account_id',
      'contact_id',
      'id',
      'last_message_at',
      'number',
      'status',
    ]);
    const times = all.body.map((c: any) => c.last_message_at);
    expect(times).toEqual([...times].sort().reverse());

    const ascending = await listing('select=number&order=number.asc');
    const numbers = ascending.body.map((c: any) => c.number);
    expect(numbers).toEqual([...numbers].sort((a: number, b: number) => a - b));
    expect((await listing('select=number&order=number.asc&limit=2&offset=1')).body).toEqual(ascending.body.slice(1, 3));
    const active = await listing(
      `channel_account_id=${account.id}&ai_agent_active=true&status=open&select=id,ai_agent_active,status`,
    );
    expect(active.body.every((c: any) => c.ai_agent_active === true && c.status === 'open')).toBe(true);
    expect((await listing('ai_agent_active=eq.false&select=id')).status).toBe(200);

    for (const bad of [
      'select=id,password',
      'ai_agent_active=maybe',
      'order=number.sideways',
      'order=secret.asc',
      'limit=0',
      'limit=abc',
      'colour=blue',
      'number=1e5',
    ]) {
      const answer = await listing(bad);
      expect(answer.status, bad).toBe(400);
      expect(typeof answer.body.error, bad).toBe('string');
    }
    expect((await h.request('get', '/functions/v1/rest-api-proxy/conversations', { key: null })).status).toBe(401);
  });

  it('select and order take only the documented columns: prototype names are the seed-001 400, never 500 or the stored document', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const selected = await listing(`select=id,${name}`);
      expect(selected, name).toMatchObject({ status: 400, body: { error: `unknown column in select: ${name}` } });
      const ordered = await listing(`order=${name}.asc`);
      expect(ordered, name).toMatchObject({ status: 400, body: { error: 'order must be column.asc or column.desc' } });
    }
    expect(await listing('__proto__=x')).toMatchObject({ status: 400, body: { error: expect.any(String) } });
  });

  it('takeover webhook signing secret: kept across saves, never read back, rotated on request; an older webhook keeps the hook secret until rotated', async () => {
    const path = `/v1/accounts/${account.id}/human-takeover-webhook`;
    const body = { url: `${takeover.url}/takeover`, headers: { 'X-Source': 'convo-pilot' } };
    const saved = await h.request('put', path, { body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ has_signing_secret: true });
    expect(saved.body.signing_secret).toBeUndefined();
    expect((await h.request('get', path)).body).toEqual(saved.body);

    /** Pauses a fresh conversation and returns the takeover call it caused. */
    const takeoverCall = async (from: string) => {
      await answered(from, 'Hello', `Hi ${from}.`);
      const conversationId = repliesIn(h.hook.sends().at(-1)!.conversation_id)[0]!.conversation_id;
      const before = takeover.requests.length;
      expect((await botControl({ conversation_id: conversationId, action: 'pause' })).status).toBe(200);
      return eventually(() => takeover.requests[before], { what: 'the takeover call' });
    };

    // A webhook saved before webhooks had their own secret: signed with the channel's hook secret.
    const { humanTakeoverWebhook } = (await h.store.channelAccounts.findInOrganization(h.organizationId, account.id))!;
    const withoutSecret = { ...humanTakeoverWebhook! };
    delete withoutSecret.signingSecret;
    await h.store.channelAccounts.setTakeoverWebhook(h.organizationId, account.id, withoutSecret);
    expect((await h.request('get', path)).body).toMatchObject({ has_signing_secret: false });
    const legacyCall = await takeoverCall('34622000901');
    expect(() => h.hook.verify(legacyCall, account.hook_secret)).not.toThrow();

    const rotated = await h.request('post', `${path}/signing-secret`);
    expect(rotated).toMatchObject({ status: 201, body: { signing_secret: expect.stringMatching(/^whsec_/) } });
    expect((await h.request('get', path)).body).toMatchObject({ has_signing_secret: true });
    const call = await takeoverCall('34622000902');
    expect(() => h.hook.verify(call, rotated.body.signing_secret)).not.toThrow();
    expect(() => h.hook.verify(call, account.hook_secret)).toThrow();
    expect(JSON.stringify((await h.request('get', path)).body)).not.toContain(rotated.body.signing_secret);
  });

  it('takeover webhook headers: framing, routing and the service’s own headers, CR/LF and invalid names are refused when saved', async () => {
    const path = `/v1/accounts/${account.id}/human-takeover-webhook`;
    const before = (await h.request('get', path)).body;
    const refused: Record<string, string>[] = [
      { Host: 'internal.example' },
      { 'Transfer-Encoding': 'chunked' },
      { 'Content-Length': '0' },
      { Connection: 'close' },
      { 'webhook-signature': 'v1,forged' },
      { 'Proxy-Authorization': 'Basic x' },
      { 'X-Split': 'a\r\nX-Injected: 1' },
      { 'X-Newline': 'a\nb' },
      { 'X-Nul': 'a\u0000b' },
      { 'X Space': 'a' },
      { 'X-Colon:': 'a' },
      { 'X-Token': 'a', 'x-token': 'b' },
    ];
    for (const headers of refused) {
      const answer = await h.request('put', path, { body: { url: `${takeover.url}/takeover`, headers } });
      expect(answer.status, JSON.stringify(headers)).toBe(400);
      expect(answer.body.error, JSON.stringify(headers)).toMatchObject({ code: 'validation_error' });
    }
    // Nothing refused was saved.
    expect((await h.request('get', path)).body).toEqual(before);
  });

  describe('open/close (seed 003)', () => {
    const status = (identifier: string, body: unknown, key?: string | null) =>
      h.request('post', `/contact/${encodeURIComponent(identifier)}/conversation/status`, { body, key });

    it('closes by id:, email: and phone: (normalised to E.164); a closed conversation gets no reply until opened', async () => {
      // Reopening on an inbound message (the default) is the workflow tests' subject; here the channel keeps it closed.
      await h.request('patch', `/v1/accounts/${account.id}`, { body: { reopen_on_inbound: false } });
      const from = '34622000010';
      await answered(from, 'Hi', 'Hello there.');
      const contact = await h.collections.contacts.findOne({ organizationId: h.organizationId, externalId: from });
      await h.store.contacts.setFields(h.organizationId, contact!._id, {
        email: 'ana@example.com',
        phone: '+34622000010',
      });
      const conversation = await h.collections.conversations.findOne({ contactId: contact!._id });

      const closed = await status(`id:${contact!.number}`, {
        status: 'close',
        category: 'Resolved',
        summary: 'Answered shipping question',
      });
      expect(closed).toMatchObject({ status: 200, body: { contactId: contact!.number } });
      expect(closed.headers.get('x-ratelimit-limit')).toBe('1000');
      expect(await h.collections.conversations.findOne({ _id: conversation!._id })).toMatchObject({
        status: 'closed',
        closing: { category: 'Resolved', summary: 'Answered shipping question' },
      });
      await inbound(from, 'One more thing');

      expect(await status('email:ANA@example.com', { status: 'open' })).toMatchObject({
        status: 200,
        body: { contactId: contact!.number },
      });
      expect(await answered(from, 'Still there?', 'Yes, open again.')).toEqual(['Hello there.', 'Yes, open again.']);
      expect(await status('phone:+34 622 00 00 10', { status: 'close' })).toMatchObject({ status: 200 });
      expect((await h.collections.conversations.findOne({ _id: conversation!._id }))?.status).toBe('closed');
      expect(await status(`id:${contact!._id}`, { status: 'open' })).toMatchObject({ status: 200 });
      await h.request('patch', `/v1/accounts/${account.id}`, { body: { reopen_on_inbound: true } });
    });

    it('answers the documented 400, 401 and 404 bodies', async () => {
      const contact = await h.collections.contacts.findOne({
        organizationId: h.organizationId,
        externalId: '34622000010',
      });
      const id = `id:${contact!.number}`;
      const validation = { status: 400, body: { code: 400, message: 'Validation error.' } };
      expect(await status(id, { status: 'archived' })).toMatchObject(validation);
      expect(await status(id, { status: 'close', category: 'x'.repeat(129) })).toMatchObject(validation);
      expect(await status(id, { status: 'close', category: 'ok', summary: 'x'.repeat(513) })).toMatchObject(validation);
      expect(await status('name:Ana', { status: 'open' })).toMatchObject(validation);
      expect(await status('phone:12', { status: 'open' })).toMatchObject(validation);
      expect(await status('email:not-an-email', { status: 'open' })).toMatchObject(validation);
      expect(await status(id, { status: 'open' }, null)).toMatchObject({
        status: 401,
        body: { code: 401, message: 'UN_AUTHORIZED' },
      });
      expect(await status('id:999999', { status: 'open' })).toMatchObject({
        status: 404,
        body: { code: 404, message: 'Contact not found' },
      });
      expect(await status('email:nobody@example.com', { status: 'open' })).toMatchObject({ status: 404 });
    });
  });

  it('a human agent’s message is sent through the channel and pauses the bot until resumed', async () => {
    const from = '34622000020';
    await answered(from, 'Can I talk to a person?', 'Let me get someone.');
    const conversation = await h.collections.conversations.findOne({ organizationId: h.organizationId, chatId: from });
    const sent = await h.request('post', `/v1/conversations/${conversation!._id}/messages`, {
      body: { text: 'Hi, this is Maria from support.' },
    });
    expect(sent.status).toBe(202);
    const send = await eventually(() => h.hook.sends().find((s) => s.message.id === sent.body.message_id), {
      what: 'the human message',
    });
    expect(send.message).toMatchObject({ text: 'Hi, this is Maria from support.', author: 'human' });
    const stored = await eventually(
      async () => {
        const message = await h.collections.messages.findOne({ _id: sent.body.message_id });
        return message?.deliveryStatus === 'sent' && message;
      },
      { what: 'the human message marked sent' },
    );
    expect(stored).toMatchObject({ author: 'human', direction: 'outbound', text: 'Hi, this is Maria from support.' });
    await eventually(
      async () => (await h.collections.conversations.findOne({ _id: conversation!._id }))?.aiAgentActive === false,
      {
        what: 'the bot paused',
      },
    );
    // MongoDB's copy is saved before the workflow applies it: wait for the workflow's own state.
    const workflow = h.api.deps.temporal.workflow.getHandle(
      conversationWorkflowId(h.organizationId, conversation!._id),
    );
    await eventually(async () => (await workflow.query(conversationStateQuery)).botState === 'paused', {
      what: 'the workflow paused',
    });
    await inbound(from, 'Thanks Maria');
    await botControl({ conversation_id: conversation!._id, action: 'resume' });
    expect(await answered(from, 'Bot again?', 'Bot again.')).toEqual([
      'Let me get someone.',
      'Hi, this is Maria from support.',
      'Bot again.',
    ]);
  });

  it('another organization’s ids answer 404 on every control route and never show in its listing', async () => {
    const other = await createOrganization(h.collections, { name: 'Other org' });
    const key = other.adminKey.key;
    const mine = await h.collections.conversations.findOne({ organizationId: h.organizationId });
    const contact = await h.collections.contacts.findOne({ _id: mine!.contactId });
    expect((await botControl({ conversation_id: mine!._id, action: 'pause' }, key)).status).toBe(404);
    expect(
      (await h.request('post', `/api/conversations/${mine!.number}/toggle-ai`, { body: { ai_enabled: false }, key }))
        .status,
    ).toBe(404);
    expect(
      (await h.request('post', `/contact/id:${contact!._id}/conversation/status`, { body: { status: 'close' }, key }))
        .status,
    ).toBe(404);
    expect(
      (await h.request('post', `/v1/conversations/${mine!._id}/messages`, { body: { text: 'hi' }, key })).status,
    ).toBe(404);
    expect((await h.request('get', `/v1/accounts/${account.id}/human-takeover-webhook`, { key })).status).toBe(404);
    expect(
      (await h.request('get', `/functions/v1/rest-api-proxy/conversations?id=${mine!._id}`, { key })).body,
    ).toEqual([]);
    expect((await h.collections.conversations.findOne({ _id: mine!._id }))?.aiAgentActive).toBe(mine!.aiAgentActive);
  });
});
