import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('inbound message → durable AI reply through the channel hook', () => {
  let h: Harness;
  let account: { id: string; hook_secret: string };

  beforeAll(async () => {
    h = await startHarness();
    account = await h.createChannelAccount();
  });
  afterAll(() => h?.close());

  it('answers one inbound message with exactly one signed send of the scripted reply', async () => {
    h.llm.script({ reply: 'Hi Ana, how can I help?' });
    const accepted = await h.inbound(account.id, {
      message_id: 'wamid.first',
      from: { id: '34600111222', name: 'Ana', phone: '+34600111222' },
      text: 'Hola, do you ship to Madrid?',
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      duplicate: false,
      message_id: expect.any(String),
      conversation_id: expect.any(String),
    });

    const [send] = await eventually(() => h.hook.sends().length === 1 && h.hook.sends(), {
      what: 'the reply at the hook',
    });
    expect(send).toMatchObject({
      type: 'message.send',
      channel_account_id: account.id,
      conversation_id: accepted.body.conversation_id,
      chat_id: '34600111222',
      message: { text: 'Hi Ana, how can I help?', author: 'ai' },
    });
    // The chat shows "typing…" first, then the reply; both calls are signed with the account's secret.
    expect(h.hook.requests.map((r) => r.body.type)).toEqual(['typing.start', 'message.send']);
    expect(h.hook.requests[0]!.body).toMatchObject({
      conversation_id: accepted.body.conversation_id,
      chat_id: '34600111222',
    });
    for (const request of h.hook.requests) expect(() => h.hook.verify(request, account.hook_secret)).not.toThrow();
    expect(h.hook.sendRequests()[0]!.headers['idempotency-key']).toBe(send!.message.id);

    // The provider saw the system prompt and the conversation so far.
    expect(h.llm.completions()).toHaveLength(1);
    expect(h.llm.completions()[0]).toMatchObject({
      model: 'scripted-model',
      temperature: 0.3,
      max_tokens: 700,
      messages: [
        { role: 'system', content: 'You are the test assistant.' },
        { role: 'user', content: 'Hola, do you ship to Madrid?' },
      ],
    });
    expect(h.llm.requests[0]!.headers.authorization).toBe('Bearer sk-test');

    // Both messages and the AI log are stored, scoped to the organization.
    const conversationId = accepted.body.conversation_id as string;
    const messages = await h.collections.messages.find({ conversationId }).sort({ createdAt: 1 }).toArray();
    expect(messages.map((m) => [m.direction, m.author, m.text, m.organizationId])).toEqual([
      ['inbound', 'contact', 'Hola, do you ship to Madrid?', h.organizationId],
      ['outbound', 'ai', 'Hi Ana, how can I help?', h.organizationId],
    ]);
    await eventually(
      async () => (await h.collections.messages.findOne({ _id: send!.message.id }))?.deliveryStatus === 'sent',
    );
    expect(await h.collections.messages.findOne({ _id: send!.message.id })).toMatchObject({
      channelMessageId: 'wamid-1',
    });
    const log = await h.collections.aiLogs.findOne({ _id: send!.message.id });
    expect(log).toMatchObject({
      outcome: 'generated',
      reply: 'Hi Ana, how can I help?',
      model: 'scripted-model',
      triggerMessageIds: [accepted.body.message_id],
      usage: { promptTokens: 11, completionTokens: 7, totalTokens: 18 },
    });
    expect(log!.prompt).toHaveLength(2);

    // Operators find the run in the Temporal UI under the conversation's id and attributes.
    const handle = h.api.deps.temporal.workflow.getHandle(conversationWorkflowId(h.organizationId, conversationId));
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.searchAttributes).toMatchObject({
      organizationId: [h.organizationId],
      conversationId: [conversationId],
      botState: ['active'],
    });
  });

  it('sends the last messages as history on the next turn', async () => {
    const before = h.hook.sends().length;
    h.llm.script({ reply: 'Yes, delivery to Madrid takes two days.' });
    await h.inbound(account.id, {
      message_id: 'wamid.second',
      from: { id: '34600111222' },
      text: 'And how long does it take?',
    });
    await eventually(() => h.hook.sends().length === before + 1, { what: 'the second reply' });
    expect(h.llm.completions().at(-1)!.messages).toEqual([
      { role: 'system', content: 'You are the test assistant.' },
      { role: 'user', content: 'Hola, do you ship to Madrid?' },
      { role: 'assistant', content: 'Hi Ana, how can I help?' },
      { role: 'user', content: 'And how long does it take?' },
    ]);

    await h.recordHistory(h.hook.sends().at(-1)!.conversation_id, 'two-turns');
  });

  /** The activities a conversation's workflow scheduled, by type, in order. */
  const scheduledActivities = async (conversationId: string) => {
    const handle = h.api.deps.temporal.workflow.getHandle(conversationWorkflowId(h.organizationId, conversationId));
    const { events } = await handle.fetchHistory();
    return (events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  };

  /** A new contact's first message answered with `reply`: its conversation and the hook calls it caused. */
  const replyToNewContact = async (messageId: string, reply: string) => {
    const before = h.hook.requests.length;
    h.llm.script({ reply });
    const accepted = await h.inbound(account.id, {
      message_id: messageId,
      from: { id: `contact-${messageId}` },
      text: 'Hi',
    });
    const conversationId = accepted.body.conversation_id as string;
    await eventually(() => h.hook.sends().some((s) => s.conversation_id === conversationId), { what: 'the reply' });
    return { conversationId, calls: h.hook.requests.slice(before).map((r) => r.body.type as string) };
  };

  it('without a reply delay the generation shows "typing…" itself: no typing activity of its own', async () => {
    const { conversationId, calls } = await replyToNewContact('wamid.typing-1', 'Typed at once.');
    expect(calls).toEqual(['typing.start', 'message.send']);
    expect(await scheduledActivities(conversationId)).not.toContain('sendTypingIndicator');
  });

  it('a typing indicator the generation could not show is shown by the delivery; the reply goes out either way', async () => {
    h.hook.answerTypingWith(500);
    try {
      const { conversationId, calls } = await replyToNewContact('wamid.typing-2', 'Sent without typing.');
      expect(calls.at(-1)).toBe('message.send');
      // Once from the generation, then from the delivery before it sends (no activity of its own).
      expect(calls.filter((type) => type === 'typing.start')).toHaveLength(2);
      expect(await scheduledActivities(conversationId)).not.toContain('sendTypingIndicator');
    } finally {
      h.hook.answerTypingWith(200);
    }
  });

  it('stores and answers a re-delivered channel message id once', async () => {
    h.llm.script({ reply: 'Yes, I am here.' }, { reply: 'Our hours are 9 to 5.' });
    const body = { message_id: 'wamid.dup', from: { id: '34999000111' }, text: 'Is anyone there?' };
    const first = await h.inbound(account.id, body);
    const second = await h.inbound(account.id, body);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({
      duplicate: true,
      message_id: first.body.message_id,
      conversation_id: first.body.conversation_id,
    });

    // A later, different message flushes the conversation: had the duplicate been answered, that
    // reply would reach the hook before this one (a workflow handles its signals in order). It is
    // sent once the first reply is out: while a reply is pending, a new message would supersede it.
    const conversationId = first.body.conversation_id as string;
    await eventually(() => h.hook.sends().some((s) => s.conversation_id === conversationId), {
      what: 'the reply to the first message',
    });
    await h.inbound(account.id, {
      message_id: 'wamid.after-dup',
      from: { id: '34999000111' },
      text: 'What are your hours?',
    });
    const sends = await eventually(
      () => {
        const mine = h.hook.sends().filter((s) => s.conversation_id === conversationId);
        return mine.some((s) => s.message.text === 'Our hours are 9 to 5.') && mine;
      },
      { what: 'the reply to the follow-up message' },
    );
    expect(sends.map((s) => s.message.text)).toEqual(['Yes, I am here.', 'Our hours are 9 to 5.']);
    expect(await h.collections.messages.countDocuments({ conversationId, direction: 'inbound' })).toBe(2);
  });
});
