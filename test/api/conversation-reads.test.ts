import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';

/** The conversation read API as an inbox uses it: listing, one conversation, transcript, AI turns. */
describe('conversation read API', () => {
  let h: Harness;
  let account: { id: string };
  let subscriber: Awaited<ReturnType<typeof startRecordingServer>>;
  let readonlyKey: string;
  let sequence = 0;

  beforeAll(async () => {
    h = await startHarness();
    account = await h.createChannelAccount();
    subscriber = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    const subscription = await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      body: { url: subscriber.url, events: ['message.received'] },
    });
    expect(subscription.status).toBe(201);
    const key = await h.request('post', '/v1/api-keys', {
      body: { name: 'Support inbox', scopes: ['conversations.readonly'] },
    });
    readonlyKey = key.body.key;
  });
  afterAll(async () => {
    await h?.close();
    await subscriber?.close();
  });

  /** A contact's message; waits until its turn is logged (answered or skipped). */
  async function contactWrites(from: { id: string; name?: string; phone?: string; email?: string }, text: string) {
    sequence += 1;
    const accepted = await h.inbound(account.id, { message_id: `wamid.read-${sequence}`, from, text });
    expect(accepted.status).toBe(202);
    await eventually(() => h.collections.aiLogs.findOne({ triggerMessageIds: accepted.body.message_id }), {
      what: `the turn of "${text}"`,
    });
    return accepted.body as { message_id: string; conversation_id: string; contact_id: string };
  }

  const read = (path: string, key = readonlyKey) => h.request('get', path, { key });

  /** Waits until the bot's reply to the conversation is sent (the conversation's latest activity). */
  const replySent = (conversationId: string) =>
    eventually(
      () => h.collections.messages.findOne({ conversationId, direction: 'outbound', deliveryStatus: 'sent' }),
      { what: 'the reply sent' },
    );

  it('shows a conversation, its transcript and its AI turn as the contact and the bot wrote them', async () => {
    h.llm.script({ reply: 'We ship to Madrid in 2 days.' });
    const {
      conversation_id: id,
      contact_id,
      message_id,
    } = await contactWrites({ id: '34600200001', name: 'Ana Read', phone: '+34600200001' }, 'Do you ship to Madrid?');
    await eventually(async () => (await h.collections.messages.countDocuments({ conversationId: id })) === 2);
    await eventually(
      async () => (await read(`/v1/conversations/${id}/messages`)).body.messages?.[1]?.status === 'sent',
      { what: 'the reply marked sent' },
    );

    const details = await read(`/v1/conversations/${id}`);
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      id,
      status: 'open',
      bot_state: 'active',
      ai_enabled: true,
      bot_active: true,
      channel_account_id: account.id,
      chat: { id: '34600200001', type: 'private' },
      contact: { id: contact_id, name: 'Ana Read', phone: '+34600200001', email: null },
      channel: { id: account.id, name: 'WhatsApp main', type: 'whatsapp' },
      agent: null,
      awaiting_reply: false,
      wake_at: null,
      scheduled_followup: null,
      pending_messages: 0,
      live: true,
      temporal_workflow_id: `conversation/${h.organizationId}/${id}`,
    });

    const transcript = await read(`/v1/conversations/${id}/messages`);
    expect(transcript.status).toBe(200);
    expect(transcript.body.next_cursor).toBeNull();
    expect(transcript.body.messages).toMatchObject([
      {
        id: message_id,
        direction: 'inbound',
        author: 'contact',
        kind: 'text',
        text: 'Do you ship to Madrid?',
        status: 'received',
        channel_message_id: `wamid.read-${sequence}`,
        sent_by: null,
      },
      {
        direction: 'outbound',
        author: 'ai',
        text: 'We ship to Madrid in 2 days.',
        status: 'sent',
        channel_message_id: expect.any(String),
        sent_at: expect.any(String),
      },
    ]);

    const turns = await read(`/v1/conversations/${id}/ai-logs`);
    expect(turns.status).toBe(200);
    const [turn] = turns.body.turns;
    expect(turns.body.turns).toHaveLength(1);
    expect(turn).toMatchObject({
      outcome: 'generated',
      reason: null,
      source: 'conversation',
      trigger_message_ids: [message_id],
      reply_message_id: transcript.body.messages[1].id,
      reply: 'We ship to Madrid in 2 days.',
      model: 'scripted-model',
      tokens: { prompt: expect.any(Number), completion: expect.any(Number), total: expect.any(Number) },
      latency_ms: expect.any(Number),
      actions: [],
    });
    // The link opens the turn's full generation details (seed 004's surface, with its `Version` header).
    const generation = await h.request('get', turn.generation_url, { headers: { Version: '2021-04-15' } });
    expect(generation.status).toBe(200);
    expect(generation.body).toMatchObject({ responseMessage: 'We ship to Madrid in 2 days.' });
  });

  it('names the human who wrote, shows a paused bot, a skipped turn and a contact waiting for a human', async () => {
    h.llm.script({ reply: 'Hello Bruno!' });
    const { conversation_id: id } = await contactWrites({ id: '34600200002', name: 'Bruno' }, 'Hi');
    // A pause before the reply goes out would drop it (a human's decision wins): the transcript
    // below is the one where the bot answered first.
    await replySent(id);
    const paused = await h.request('post', '/functions/v1/bot-control', {
      body: { conversation_id: id, action: 'pause' },
    });
    expect(paused.status).toBe(200);
    const jwt = await h.adminJwt();
    const human = await h.request('post', `/v1/conversations/${id}/messages`, {
      bearer: jwt,
      body: { text: 'Bruno, a colleague takes it from here.' },
    });
    expect(human.status).toBe(202);
    await eventually(async () => (await h.collections.messages.findOne({ _id: human.body.message_id }))?.sentAt, {
      what: 'the human message sent',
    });
    const { message_id: waiting } = await contactWrites({ id: '34600200002', name: 'Bruno' }, 'Thanks, waiting');

    const details = await read(`/v1/conversations/${id}`);
    expect(details.body).toMatchObject({ bot_state: 'paused', bot_active: false, awaiting_reply: true, live: true });
    const messages = (await read(`/v1/conversations/${id}/messages`)).body.messages;
    expect(messages.map((m: { author: string; text: string }) => [m.author, m.text])).toEqual([
      ['contact', 'Hi'],
      ['ai', 'Hello Bruno!'],
      ['human', 'Bruno, a colleague takes it from here.'],
      ['contact', 'Thanks, waiting'],
    ]);
    expect(messages[2]).toMatchObject({
      id: human.body.message_id,
      direction: 'outbound',
      status: 'sent',
      sent_by: { id: 'admin@example.com', name: 'Ada Admin', email: 'admin@example.com' },
    });
    const turns = (await read(`/v1/conversations/${id}/ai-logs`)).body.turns;
    expect(turns.at(-1)).toMatchObject({ outcome: 'skipped', trigger_message_ids: [waiting], reply: null });
    expect(turns.at(-1).reason).toEqual(expect.any(String));

    const pausedOnly = await read('/v1/conversations?bot_state=paused');
    expect(pausedOnly.body.conversations.map((c: { id: string }) => c.id)).toContain(id);
    expect(pausedOnly.body.conversations.every((c: { bot_state: string }) => c.bot_state === 'paused')).toBe(true);
    const activeOnly = await read('/v1/conversations?bot_state=active');
    expect(activeOnly.body.conversations.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('lists newest activity first, a page at a time, filtered by status, contact and search text', async () => {
    const carla = await contactWrites(
      { id: '34600200003', name: 'Carla Search', email: 'carla@example.org' },
      'first from Carla',
    );
    await replySent(carla.conversation_id);
    const dario = await contactWrites({ id: '34600200004', name: 'Darío', phone: '+34600200004' }, 'from Darío');
    await replySent(dario.conversation_id);
    const all = await read('/v1/conversations?limit=200');
    expect(all.status).toBe(200);
    const ids = all.body.conversations.map((c: { id: string }) => c.id);
    expect(ids.slice(0, 2)).toEqual([dario.conversation_id, carla.conversation_id]);
    const times = all.body.conversations.map((c: { last_message_at: string }) => c.last_message_at);
    expect([...times].sort().reverse()).toEqual(times);

    // Pages of 1 walk the same list without a gap or a repeat.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await read(`/v1/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      walked.push(...page.body.conversations.map((c: { id: string }) => c.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(walked).toEqual(ids);

    const search = async (text: string) =>
      (await read(`/v1/conversations?search=${encodeURIComponent(text)}`)).body.conversations.map(
        (c: { id: string }) => c.id,
      );
    expect(await search('carla s')).toEqual([carla.conversation_id]);
    expect(await search('CARLA@EXAMPLE')).toEqual([carla.conversation_id]);
    expect(await search('600200004')).toEqual([dario.conversation_id]);
    expect(await search('(.*)')).toEqual([]);
    expect(
      (await read(`/v1/conversations?contact_id=${carla.contact_id}`)).body.conversations.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([carla.conversation_id]);

    const closed = await h.request('post', `/contact/id:${carla.contact_id}/conversation/status`, {
      body: { status: 'close', category: 'resolved', summary: 'Answered' },
    });
    expect(closed.status).toBe(200);
    const closedList = (await read('/v1/conversations?status=closed')).body.conversations;
    expect(closedList).toMatchObject([
      { id: carla.conversation_id, status: 'closed', bot_state: 'closed', closing: { category: 'resolved' } },
    ]);
    expect((await read('/v1/conversations?status=open&bot_state=closed')).body.conversations).toEqual([]);
  });

  it('shows a reply the channel refused as failed, with the channel’s answer', async () => {
    h.llm.script({ reply: 'This one bounces.' });
    h.hook.failNext(400);
    const { conversation_id: id } = await contactWrites({ id: '34600200008' }, 'Will this arrive?');
    const [, reply] = await eventually(
      async () => {
        const messages = (await read(`/v1/conversations/${id}/messages`)).body.messages;
        return messages?.[1]?.status === 'failed' && messages;
      },
      { what: 'the refused reply marked failed' },
    );
    expect(reply).toMatchObject({ author: 'ai', text: 'This one bounces.', sent_at: null });
    expect(reply.error).toContain('400');
  });

  it('follows a live transcript after a given message, and pages it with cursors', async () => {
    h.llm.script({ reply: 'one' }, { reply: 'two' });
    const first = await contactWrites({ id: '34600200005' }, 'message one');
    // Sent before the contact writes again: a message arriving while a reply is pending supersedes it.
    await replySent(first.conversation_id);
    await contactWrites({ id: '34600200005' }, 'message two');
    const id = first.conversation_id;
    await eventually(async () => (await h.collections.messages.countDocuments({ conversationId: id })) === 4);

    const after = await read(`/v1/conversations/${id}/messages?after=${first.message_id}`);
    expect(after.status).toBe(200);
    expect(after.body.messages).toHaveLength(3);
    expect(after.body.messages[0].id).not.toBe(first.message_id);

    const pageOne = await read(`/v1/conversations/${id}/messages?limit=3`);
    expect(pageOne.body.messages).toHaveLength(3);
    const pageTwo = await read(`/v1/conversations/${id}/messages?limit=3&cursor=${pageOne.body.next_cursor}`);
    expect(pageTwo.body).toMatchObject({ next_cursor: null });
    expect([...pageOne.body.messages, ...pageTwo.body.messages].map((m: { id: string }) => m.id)).toEqual(
      (await read(`/v1/conversations/${id}/messages`)).body.messages.map((m: { id: string }) => m.id),
    );
  });

  it('refuses bad queries with 400 and answers 404 for another organization’s conversation', async () => {
    const { conversation_id: id } = await contactWrites({ id: '34600200006' }, 'scoping');
    for (const path of [
      '/v1/conversations?limit=0',
      '/v1/conversations?limit=201',
      '/v1/conversations?cursor=not-a-cursor',
      '/v1/conversations?bot_state=asleep',
      '/v1/conversations?sort=name',
      `/v1/conversations/${id}/messages?after=no-such-message`,
      `/v1/conversations/${id}/messages?cursor=x&after=y`,
      `/v1/conversations/${id}/ai-logs?limit=-1`,
    ]) {
      const answer = await read(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.error, path).toMatchObject({ code: 'validation_error' });
    }

    const other = await createOrganization(h.collections, { name: 'Another organization' });
    for (const path of [
      `/v1/conversations/${id}`,
      `/v1/conversations/${id}/messages`,
      `/v1/conversations/${id}/ai-logs`,
    ]) {
      expect((await read(path, other.adminKey.key)).status, path).toBe(404);
    }
    expect((await read('/v1/conversations', other.adminKey.key)).body.conversations).toEqual([]);

    const ingestOnly = await h.request('post', '/v1/api-keys', {
      body: { name: 'Integration', scopes: ['messages.ingest'] },
    });
    expect((await read('/v1/conversations', ingestOnly.body.key)).status).toBe(403);
  });

  it('announces every contact message once as message.received to subscriptions', async () => {
    const body = { message_id: 'wamid.mirror-1', from: { id: '34600200007', name: 'Elena' }, text: 'Mirror me' };
    const accepted = await h.inbound(account.id, body);
    expect((await h.inbound(account.id, body)).body.duplicate).toBe(true);
    const deliveries = () =>
      subscriber.requests.filter(
        (request) => (request.body as { data?: { message_id?: string } }).data?.message_id === accepted.body.message_id,
      );
    const [delivery] = await eventually(() => deliveries().length > 0 && deliveries(), {
      what: 'the message.received delivery',
    });
    expect(delivery!.body).toMatchObject({
      type: 'message.received',
      data: {
        conversation_id: accepted.body.conversation_id,
        channel_account_id: account.id,
        contact_id: accepted.body.contact_id,
        contact: { name: 'Elena', phone: null, email: null },
        message_id: accepted.body.message_id,
        channel_message_id: 'wamid.mirror-1',
        type: 'text',
        text: 'Mirror me',
      },
    });
    // Answered 2xx: never delivered again, though the message was posted twice.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(deliveries()).toHaveLength(1);
  });
});
