import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentAction } from '../../src/domain/agent.js';
import { toolName } from '../../src/domain/agent-tools.js';
import { agentFixtures } from '../support/agents.js';
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
 * Native channels end to end: the providers' documented webhook payloads, signed as the providers
 * sign them, through the real API, Temporal and store; replies arrive at local stand-ins of each
 * provider's send API, which check path, auth and body shape.
 */
describe('native channels', () => {
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

  /** Waits until the reply turn for a conversation is over (answered and sent, or logged as skipped). */
  const turnSettled = (conversationId: string) =>
    eventually(
      async () => {
        const log = await h.collections.aiLogs.findOne({ conversationId });
        if (!log) return false;
        return (
          log.outcome !== 'generated' ||
          (await h.collections.messages.findOne({ _id: log._id }))?.deliveryStatus === 'sent'
        );
      },
      { what: 'the reply turn' },
    );

  const messagesOf = (accountId: string) =>
    h.collections.messages.find({ channelAccountId: accountId }).sort({ createdAt: 1 }).toArray();

  describe('Telegram', () => {
    let account: Awaited<ReturnType<typeof createAccount>>;
    const update = fixture('telegram-update');
    const signed = { 'x-telegram-bot-api-secret-token': telegram.secret_token };

    beforeAll(async () => {
      account = await createAccount('telegram', { ...telegram, api_base_url: providers.url });
    });

    it('reads its credentials back only as has_… and names its webhook path', async () => {
      expect(account).toMatchObject({
        type: 'telegram',
        outbound_hook_url: null,
        webhook_path: `/v1/channels/telegram/${account.id}/webhook`,
        telegram: { api_base_url: providers.url, has_bot_token: true, has_secret_token: true },
      });
      const read = await h.request('get', `/v1/accounts/${account.id}`);
      expect(JSON.stringify(read.body)).not.toContain(telegram.bot_token);
      expect(JSON.stringify(read.body)).not.toContain(telegram.secret_token);
      const stored = await h.collections.channelAccounts.findOne({ _id: account.id });
      expect(JSON.stringify(stored)).not.toContain(telegram.bot_token);
    });

    it('refuses a wrong or missing secret token with 401 and stores nothing', async () => {
      const wrong = await postWebhook(account.webhook_path, update, { 'x-telegram-bot-api-secret-token': 'nope' });
      const missing = await postWebhook(account.webhook_path, update, {});
      expect([wrong.status, missing.status]).toEqual([401, 401]);
      expect(await messagesOf(account.id)).toEqual([]);
    });

    it('answers an update once at sendMessage after sendChatAction, also when Telegram delivers it twice', async () => {
      h.llm.script({ reply: 'Welcome! How can I help?' });
      const first = await postWebhook(account.webhook_path, update, signed);
      const again = await postWebhook(account.webhook_path, update, signed);
      expect([first.status, again.status]).toEqual([200, 200]);

      const [send] = await eventually(
        () => providers.bodies(/sendMessage$/).length === 1 && providers.bodies(/sendMessage$/),
        {
          what: 'the reply at sendMessage',
        },
      );
      expect(send).toEqual({ chat_id: '1111111', text: 'Welcome! How can I help?' });
      expect(providers.calls(/^\/bot/).map((call) => call.path)).toEqual([
        `/bot${telegram.bot_token}/sendChatAction`,
        `/bot${telegram.bot_token}/sendMessage`,
      ]);
      expect(providers.bodies(/sendChatAction$/)).toEqual([{ chat_id: '1111111', action: 'typing' }]);

      const stored = await eventually(async () => {
        const messages = await messagesOf(account.id);
        return messages.length === 2 && messages[1]!.deliveryStatus === 'sent' && messages;
      });
      expect(stored.map((m) => [m.direction, m.author, m.text, m.channelMessageId?.startsWith('1111111:')])).toEqual([
        ['inbound', 'contact', '/start', true],
        ['outbound', 'ai', 'Welcome! How can I help?', true],
      ]);
      const conversation = await h.collections.conversations.findOne({ channelAccountId: account.id });
      expect(conversation).toMatchObject({ chatId: '1111111', chatType: 'private' });
      const contact = await h.collections.contacts.findOne({ channelAccountId: account.id });
      expect(contact).toMatchObject({ externalId: '1111111', name: 'Test Firstname Test Lastname' });

      // A later message flushes the conversation: a second answer to the duplicate would come first.
      h.llm.script({ reply: 'Second answer' });
      const next = JSON.parse(update);
      next.update_id += 1;
      next.message.message_id += 1;
      next.message.text = 'Anyone there?';
      await postWebhook(account.webhook_path, JSON.stringify(next), signed);
      await eventually(() => providers.bodies(/sendMessage$/).length === 2, { what: 'the second reply' });
      expect(providers.bodies(/sendMessage$/).map((body) => body.text)).toEqual([
        'Welcome! How can I help?',
        'Second answer',
      ]);
    });

    it('maps group and channel chats to the chat types, and a photo’s caption to the text', async () => {
      const group = JSON.parse(update);
      group.update_id = 20000;
      group.message.message_id = 77;
      group.message.chat = { id: -1001234567890, title: 'Team', type: 'supergroup' };
      delete group.message.text;
      group.message.caption = 'Is this the right size?';
      group.message.photo = [
        { file_id: 'small-id', file_unique_id: 's', width: 90, height: 90 },
        { file_id: 'large-id', file_unique_id: 'l', width: 800, height: 800 },
      ];
      expect((await postWebhook(account.webhook_path, JSON.stringify(group), signed)).status).toBe(200);
      const message = await eventually(() =>
        h.collections.messages.findOne({ channelAccountId: account.id, channelMessageId: '-1001234567890:77' }),
      );
      expect(message).toMatchObject({
        kind: 'image',
        text: 'Is this the right size?',
        media: { id: 'large-id', mimeType: 'image/jpeg' },
      });
      const conversation = await h.collections.conversations.findOne({ _id: message.conversationId });
      expect(conversation).toMatchObject({ chatId: '-1001234567890', chatType: 'group' });
      await turnSettled(message.conversationId);
    });
  });

  describe('WhatsApp Cloud API', () => {
    let account: Awaited<ReturnType<typeof createAccount>>;
    const text = fixture('whatsapp-cloud-text');
    const signature = (body: string) => ({
      'x-hub-signature-256': `sha256=${hmacHex(whatsappCloud.app_secret, body)}`,
    });

    beforeAll(async () => {
      account = await createAccount('whatsapp_cloud', { ...whatsappCloud, api_base_url: providers.whatsappBaseUrl });
    });

    it('answers Meta’s verification request with the challenge, and 403 to a wrong token', async () => {
      const query = (token: string) =>
        `${account.webhook_path}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
      const ok = await fetch(`${h.api.url}${query(whatsappCloud.verify_token)}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toBe('1158201444');
      expect((await fetch(`${h.api.url}${query('wrong')}`)).status).toBe(403);
    });

    it('refuses a body whose X-Hub-Signature-256 does not match its bytes with 401 and stores nothing', async () => {
      const tampered = text.replace('another color', 'another colour');
      expect((await postWebhook(account.webhook_path, tampered, signature(text))).status).toBe(401);
      expect((await postWebhook(account.webhook_path, text, {})).status).toBe(401);
      expect(await messagesOf(account.id)).toEqual([]);
    });

    it('answers a signed message once (typing first), stores the contact’s profile name and the status reports', async () => {
      h.llm.script({ reply: 'Yes, it also comes in blue.' });
      const first = await postWebhook(account.webhook_path, text, signature(text));
      const again = await postWebhook(account.webhook_path, text, signature(text));
      expect([first.status, again.status]).toEqual([200, 200]);

      const sends = () => providers.bodies(/\/messages$/).filter((body) => body.type === 'text');
      await eventually(() => sends().length === 1, { what: 'the reply at /messages' });
      const calls = providers.calls(new RegExp(`/${whatsappCloud.phone_number_id}/messages$`));
      expect(calls.map((call) => call.headers.authorization)).toEqual([
        `Bearer ${whatsappCloud.access_token}`,
        `Bearer ${whatsappCloud.access_token}`,
      ]);
      expect(calls.map((call) => call.body)).toEqual([
        {
          messaging_product: 'whatsapp',
          status: 'read',
          message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
          typing_indicator: { type: 'text' },
        },
        {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '16505551234',
          type: 'text',
          text: { body: 'Yes, it also comes in blue.' },
        },
      ]);
      const contact = await h.collections.contacts.findOne({ channelAccountId: account.id });
      expect(contact).toMatchObject({ externalId: '16505551234', name: 'Sheena Nelson', phone: '+16505551234' });

      const reply = await eventually(() =>
        h.collections.messages.findOne({ channelAccountId: account.id, direction: 'outbound', deliveryStatus: 'sent' }),
      );
      expect(reply.channelMessageId).toMatch(/^wamid\.out-/);

      // Meta's status example, pointed at the message we sent.
      const status = fixture('whatsapp-cloud-status').replace(
        'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjY4NjUwMDUzRjA0QkMA',
        reply.channelMessageId!,
      );
      expect((await postWebhook(account.webhook_path, status, signature(status))).status).toBe(200);
      const read = status.replace('"delivered"', '"read"').replace('1750263773', '1750263780');
      expect((await postWebhook(account.webhook_path, read, signature(read))).status).toBe(200);
      // A late `delivered` does not undo `read`.
      expect((await postWebhook(account.webhook_path, status, signature(status))).status).toBe(200);
      expect(await h.collections.messages.findOne({ _id: reply._id })).toMatchObject({
        channelStatus: { status: 'read', at: new Date(1750263780 * 1000), error: null },
      });
    });

    it('stores an image with its media id, mime type and caption as the text', async () => {
      const image = fixture('whatsapp-cloud-image');
      expect((await postWebhook(account.webhook_path, image, signature(image))).status).toBe(200);
      const message = await eventually(() =>
        h.collections.messages.findOne({ channelAccountId: account.id, kind: 'image' }),
      );
      expect(message).toMatchObject({
        direction: 'inbound',
        text: 'New Tech Tee',
        media: { id: '1003383421387256', mimeType: 'image/jpeg', url: null },
      });
      await turnSettled(message.conversationId);
    });
  });

  describe('Chatwoot agent bot', () => {
    let account: Awaited<ReturnType<typeof createAccount>>;
    let eventSequence = 0;
    const base = JSON.parse(fixture('chatwoot-message-created'));
    const toggles = () => providers.bodies(/\/toggle_status$/);
    const replies = () => providers.bodies(/\/conversations\/\d+\/messages$/);

    /** Posts a Chatwoot event signed as Chatwoot signs it (`sha256=HMAC(secret, "<timestamp>.<body>")`). */
    async function postEvent(event: Record<string, unknown>, secret = chatwoot.webhook_secret) {
      const body = JSON.stringify(event);
      return postWebhook(account.webhook_path, body, chatwootSignature(secret, body));
    }
    function message(content: string, changes: Record<string, unknown> = {}, status = 'pending') {
      eventSequence += 1;
      return { ...base, id: 700 + eventSequence, content, conversation: { ...base.conversation, status }, ...changes };
    }

    beforeAll(async () => {
      account = await createAccount('chatwoot', { ...chatwoot, base_url: providers.url });
    });

    it('refuses an event without a valid X-Chatwoot-Signature', async () => {
      expect((await postEvent(message('forged'), 'another-secret')).status).toBe(401);
      expect((await postWebhook(account.webhook_path, JSON.stringify(message('unsigned')), {})).status).toBe(401);
      expect(await messagesOf(account.id)).toEqual([]);
    });

    it('answers an incoming message of a pending conversation; its own reply coming back is ignored', async () => {
      h.llm.script({ reply: 'It left our warehouse today.' });
      expect((await postEvent(base)).status).toBe(200);
      await eventually(() => replies().length === 1, { what: 'the reply in Chatwoot' });
      const [typing] = providers.calls(/\/toggle_typing_status$/);
      expect(typing).toMatchObject({
        path: '/api/v1/accounts/1/conversations/207/toggle_typing_status',
        headers: { api_access_token: chatwoot.bot_token },
        body: { typing_status: 'on' },
      });
      const [send] = providers.calls(/\/conversations\/\d+\/messages$/);
      expect(send).toMatchObject({
        path: '/api/v1/accounts/1/conversations/207/messages',
        headers: { api_access_token: chatwoot.bot_token },
        body: { content: 'It left our warehouse today.', message_type: 'outgoing' },
      });
      const contact = await h.collections.contacts.findOne({ channelAccountId: account.id });
      expect(contact).toMatchObject({ externalId: '42', name: 'Ana Lima', phone: '+34600111222' });

      // The bot's message, as Chatwoot sends it back to the bot.
      const echo = message('It left our warehouse today.', {
        message_type: 'outgoing',
        sender: { id: 5, name: 'convo-pilot', type: 'agent_bot' },
      });
      expect((await postEvent(echo)).status).toBe(200);
      const stored = await messagesOf(account.id);
      expect(stored.map((m) => [m.direction, m.author])).toEqual([
        ['inbound', 'contact'],
        ['outbound', 'ai'],
      ]);
    });

    it('leaves open conversations to the humans; back to pending, the bot answers again', async () => {
      const conversation = await h.collections.conversations.findOne({ channelAccountId: account.id });
      expect(
        (await postEvent({ ...base.conversation, status: 'open', event: 'conversation_status_changed' })).status,
      ).toBe(200);
      await eventually(
        async () => (await h.collections.conversations.findOne({ _id: conversation!._id }))?.aiAgentActive === false,
        {
          what: 'the bot paused',
        },
      );
      expect((await postEvent(message('Can a person help me?', {}, 'open'))).status).toBe(200);
      await eventually(async () => (await messagesOf(account.id)).some((m) => m.text === 'Can a person help me?'));

      h.llm.script({ reply: 'Back with you!' });
      expect((await postEvent(message('Hello again', {}, 'pending'))).status).toBe(200);
      await eventually(() => replies().length === 2, { what: 'the reply after going back to pending' });
      expect(replies().map((body) => body.content)).toEqual(['It left our warehouse today.', 'Back with you!']);
      // Going back to `open` by Chatwoot's own status change is not handed off again.
      expect(toggles()).toEqual([]);
    });

    it('a human agent’s message pauses the bot; a handoff from this service opens the conversation in Chatwoot', async () => {
      const conversation = (await h.collections.conversations.findOne({ channelAccountId: account.id }))!;
      const human = message('Hi Ana, Maria here.', {
        message_type: 'outgoing',
        sender: { id: 3, name: 'Maria', email: 'maria@example.com', type: 'user' },
      });
      expect((await postEvent(human)).status).toBe(200);
      await eventually(
        async () => (await h.collections.conversations.findOne({ _id: conversation._id }))?.aiAgentActive === false,
        {
          what: 'the bot paused by the human message',
        },
      );
      expect(
        await h.collections.messages.findOne({ channelAccountId: account.id, text: 'Hi Ana, Maria here.' }),
      ).toMatchObject({
        direction: 'outbound',
        author: 'human',
        deliveryStatus: 'sent',
      });

      // Resume, then pause through the API: Chatwoot is told to hand the conversation to its agents.
      for (const action of ['resume', 'pause']) {
        const answer = await h.request('post', '/functions/v1/bot-control', {
          body: { conversation_id: conversation._id, action },
        });
        expect(answer.status).toBe(200);
      }
      await eventually(() => toggles().length === 1, { what: 'toggle_status' });
      expect(providers.calls(/\/toggle_status$/)[0]).toMatchObject({
        path: '/api/v1/accounts/1/conversations/207/toggle_status',
        headers: { api_access_token: chatwoot.bot_token },
        body: { status: 'open' },
      });
      const delivery = await eventually(() =>
        h.collections.webhookDeliveries.findOne({
          channelAccountId: account.id,
          target: 'channel_handoff',
          status: 'delivered',
        }),
      );
      expect(delivery.attempts).toBe(1);
      expect(replies()).toHaveLength(2);
    });
  });

  describe('Chatwoot handoff by the agent (HUMAN_HAND_OVER)', () => {
    let account: Awaited<ReturnType<typeof createAccount>>;
    let handOver: AgentAction;
    /** A conversation of its own: the stand-in's paths tell it apart from the tests above. */
    const conversationPath = '/api/v1/accounts/1/conversations/301';
    const base = JSON.parse(fixture('chatwoot-message-created'));
    const event = (changes: Record<string, unknown>, status = 'pending') => ({
      ...base,
      conversation: { ...base.conversation, id: 301, status },
      ...changes,
    });
    const postEvent = (payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      return postWebhook(account.webhook_path, body, chatwootSignature(chatwoot.webhook_secret, body));
    };
    const calls = (action: string) => providers.calls(new RegExp(`^${conversationPath}/${action}$`));

    beforeAll(async () => {
      account = await createAccount('chatwoot', { ...chatwoot, base_url: providers.url });
      // The organization's agent for Chatwoot's channel (Live_Chat), with a handover action.
      const fixtures = agentFixtures(h.store, h.organizationId);
      const agent = await fixtures.agent({ channels: ['Live_Chat'], waitTime: 0, sleepEnabled: false });
      handOver = await fixtures.humanHandOver(agent._id);
    });

    it('sends the final message, opens the conversation in Chatwoot once, and the bot stops answering', async () => {
      h.llm.script({ toolCalls: [{ name: toolName(handOver), arguments: { reason: 'asked for a person' } }] });
      expect((await postEvent(event({ id: 901, content: 'Can I talk to someone?' }))).status).toBe(200);

      await eventually(() => calls('toggle_status').length === 1, { what: 'toggle_status' });
      expect(calls('toggle_status')[0]).toMatchObject({
        headers: { api_access_token: chatwoot.bot_token },
        body: { status: 'open' },
      });
      expect(calls('messages').map((call) => call.body)).toEqual([
        { content: 'A colleague will reply shortly.', message_type: 'outgoing' },
      ]);
      const conversation = (await h.collections.conversations.findOne({ channelAccountId: account.id }))!;
      expect(conversation.aiAgentActive).toBe(false);
      const handoff = await eventually(() =>
        h.collections.webhookDeliveries.findOne({ channelAccountId: account.id, target: 'channel_handoff' }),
      );
      expect(handoff).toMatchObject({ eventType: 'human_takeover', status: 'delivered', attempts: 1 });

      // Chatwoot reports the status it was told, and the contact writes again in the open conversation.
      const opened = { ...event({}, 'open').conversation, event: 'conversation_status_changed' };
      expect((await postEvent(opened)).status).toBe(200);
      expect((await postEvent(event({ id: 902, content: 'Hello? Anyone?' }, 'open'))).status).toBe(200);
      const unanswered = await eventually(async () => {
        const message = await h.collections.messages.findOne({ channelAccountId: account.id, text: 'Hello? Anyone?' });
        return message && h.collections.aiLogs.findOne({ triggerMessageIds: message._id, outcome: 'skipped' });
      });
      expect(unanswered.reason).toBe('a human holds the conversation (bot paused)');
      expect(calls('messages')).toHaveLength(1);
      expect(calls('toggle_status')).toHaveLength(1);
    });
  });

  describe('Evolution API', () => {
    let account: Awaited<ReturnType<typeof createAccount>>;
    const upsert = fixture('evolution-messages-upsert');
    const sendTexts = () => providers.bodies(/^\/message\/sendText\//);

    beforeAll(async () => {
      account = await createAccount('evolution', { ...evolution, base_url: providers.url });
    });

    it('refuses a body without the instance’s apikey with 401', async () => {
      const forged = upsert.replace(evolution.api_key, 'not-the-key');
      expect((await postWebhook(account.webhook_path, forged, {})).status).toBe(401);
      expect(await messagesOf(account.id)).toEqual([]);
    });

    it('answers messages.upsert with sendText after sendPresence', async () => {
      h.llm.script({ reply: 'Sim, entregamos em Campinas.' });
      expect((await postWebhook(account.webhook_path, upsert, {})).status).toBe(200);
      await eventually(() => sendTexts().length === 1, { what: 'sendText' });
      expect(providers.calls(/^\/(message|chat)\//).map((call) => [call.path, call.headers.apikey, call.body])).toEqual(
        [
          [
            '/chat/sendPresence/sales',
            evolution.api_key,
            { number: '5511999999999@s.whatsapp.net', presence: 'composing', delay: 1500 },
          ],
          [
            '/message/sendText/sales',
            evolution.api_key,
            { number: '5511999999999@s.whatsapp.net', text: 'Sim, entregamos em Campinas.' },
          ],
        ],
      );
      const contact = await h.collections.contacts.findOne({ channelAccountId: account.id });
      expect(contact).toMatchObject({
        externalId: '5511999999999@s.whatsapp.net',
        name: 'Maria Souza',
        phone: '+5511999999999',
      });
    });

    it('the business writing from its phone (fromMe) pauses the bot and is never answered', async () => {
      const sent = await eventually(() =>
        h.collections.messages.findOne({ channelAccountId: account.id, direction: 'outbound', deliveryStatus: 'sent' }),
      );
      // Evolution reports our own send back as fromMe: not a human message.
      const echo = JSON.parse(upsert);
      echo.data.key = { ...echo.data.key, fromMe: true, id: sent.channelMessageId };
      echo.data.message = { conversation: sent.text };
      expect((await postWebhook(account.webhook_path, JSON.stringify(echo), {})).status).toBe(200);

      const fromPhone = JSON.parse(upsert);
      fromPhone.data.key = { ...fromPhone.data.key, fromMe: true, id: '3EB0HUMAN0001' };
      fromPhone.data.pushName = 'Você';
      fromPhone.data.message = { conversation: 'Maria, I will call you now.' };
      expect((await postWebhook(account.webhook_path, JSON.stringify(fromPhone), {})).status).toBe(200);
      const conversation = (await h.collections.conversations.findOne({ channelAccountId: account.id }))!;
      await eventually(
        async () => (await h.collections.conversations.findOne({ _id: conversation._id }))?.aiAgentActive === false,
        {
          what: 'the bot paused',
        },
      );

      const next = JSON.parse(upsert);
      next.data.key.id = '3EB0CONTACT0002';
      next.data.message = { extendedTextMessage: { text: 'Ok, thanks!' } };
      expect((await postWebhook(account.webhook_path, JSON.stringify(next), {})).status).toBe(200);
      await eventually(async () => (await messagesOf(account.id)).some((m) => m.text === 'Ok, thanks!'));
      const stored = await messagesOf(account.id);
      expect(stored.map((m) => [m.direction, m.author, m.text])).toEqual([
        ['inbound', 'contact', 'Oi, vocês entregam em Campinas?'],
        ['outbound', 'ai', 'Sim, entregamos em Campinas.'],
        ['outbound', 'human', 'Maria, I will call you now.'],
        ['inbound', 'contact', 'Ok, thanks!'],
      ]);
      // Nothing more was sent: a turn that would answer comes after the message it answers.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sendTexts()).toHaveLength(1);
    });
  });

  it('validates native account settings and answers 404 for another provider’s path', async () => {
    const missing = await h.request('post', '/v1/accounts', {
      body: { name: 'x', type: 'telegram', telegram: { bot_token: 'a' } },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('secret_token');
    const withHook = await h.request('post', '/v1/accounts', {
      body: { name: 'x', type: 'evolution', outbound_hook_url: 'https://example.com/hook' },
    });
    expect(withHook.status).toBe(400);
    const account = await createAccount('evolution', { ...evolution, base_url: providers.url });
    const wrongProvider = await postWebhook(`/v1/channels/telegram/${account.id}/webhook`, '{}', {
      'x-telegram-bot-api-secret-token': telegram.secret_token,
    });
    expect(wrongProvider.status).toBe(404);
  });
});
