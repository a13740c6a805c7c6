import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { registerSearchAttributes } from '../../src/engine/search-attributes-admin.js';
import type { DeliveryPace, ReplyDelivery } from '../../src/workflows/contracts.js';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';
import { startHarness, type Harness } from '../support/harness.js';
import { decodeHistoryPayloads } from '../support/history-payloads.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { quietTemporalRuntime, startTimeSkippingEnvironment } from '../support/temporal-runtime.js';

/**
 * Reply delay, simulated typing and provider retries, with time skipped by the Java test server:
 * the API, worker, store, provider stand-in and receivers are the real ones.
 */
describe('reply timing (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let account: { id: string };
  let webhooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let sequence = 0;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await startTimeSkippingEnvironment(inject('stack').temporalTestServerPath);
    await registerSearchAttributes(env.connection, 'default');
    h = await startHarness({ TYPING_MS_PER_CHARACTER: '50', TYPING_MAX_SECONDS: '8' }, env);
    account = await h.createChannelAccount();
    webhooks = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      body: { url: webhooks.url, events: ['ai.reply.generated', 'ai.reply.sent'] },
    });
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
    await webhooks?.close();
  });

  /** Advances the test server's clock in steps until `done()` holds. */
  async function skipUntil(done: () => boolean, step = '1 second', maxSteps = 300): Promise<void> {
    for (let i = 0; i < maxSteps && !done(); i++) await env.sleep(step);
    expect(done()).toBe(true);
  }

  /** The waits a conversation's workflow asked for, from its history: its timers and its deliveries' paces. */
  async function waitsOf(
    conversationId: string,
  ): Promise<{ summary: string; timerMs?: number; pace?: DeliveryPace }[]> {
    const handle = h.api.deps.temporal.workflow.getHandle(conversationWorkflowId(h.organizationId, conversationId));
    const history = await handle.fetchHistory();
    await decodeHistoryPayloads(history, h.api.deps.temporal.options.loadedDataConverter.payloadCodecs);
    return (history.events ?? []).flatMap((event): { summary: string; timerMs?: number; pace?: DeliveryPace }[] => {
      const summaryPayload = event.userMetadata?.summary;
      const summary = summaryPayload ? defaultPayloadConverter.fromPayload<string>(summaryPayload) : '';
      const timer = event.timerStartedEventAttributes;
      if (timer) {
        const { seconds, nanos } = timer.startToFireTimeout ?? {};
        return [{ summary, timerMs: Number(seconds ?? 0) * 1000 + Math.round((nanos ?? 0) / 1e6) }];
      }
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'deliverReply') return [];
      const { pace } = defaultPayloadConverter.fromPayload<ReplyDelivery>(scheduled.input!.payloads![0]!);
      return pace ? [{ summary, pace }] : [];
    });
  }

  /** Advances the test server's clock in 100-ms steps until `done()` holds; its time then. */
  async function clockWhen(done: () => boolean): Promise<number> {
    await skipUntil(done, '100 milliseconds', 1_000);
    return env.currentTimeMs();
  }

  const inbound = (text: string, from = '4915100000') => {
    sequence += 1;
    return h.inbound(account.id, { message_id: `wamid.timing-${sequence}`, from: { id: from }, text });
  };

  const eventTime = (type: string, messageId: string) => {
    const event = webhooks.requests.find(
      (r) => (r.body as any).type === type && (r.body as any).data.message_id === messageId,
    );
    return event ? Date.parse((event.body as any).timestamp) : undefined;
  };

  it('waits reply_delay_seconds, shows typing for a time that grows with the reply, then sends', async () => {
    await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { reply_delay_seconds: 30 } });
    const reply = 'x'.repeat(100); // 100 characters × 50 ms = 5 s of typing
    h.llm.script({ reply });
    const { conversation_id: conversationId } = (await inbound('Take your time')).body as { conversation_id: string };

    await skipUntil(() => webhooks.requests.some((r) => (r.body as any).type === 'ai.reply.generated'));
    const messageId = (webhooks.requests[0]!.body as any).data.message_id as string;
    await env.sleep('20 seconds');
    expect(h.hook.requests).toHaveLength(0); // still inside the reply delay

    // The test server's clock when the typing indicator, then the send, reached the hook.
    const typingAt = await clockWhen(() => h.hook.requests.length === 1);
    const sentAt = await clockWhen(() => h.hook.sends().length === 1);
    expect(h.hook.requests.map((r) => r.body.type)).toEqual(['typing.start', 'message.send']);
    const generatedAt = eventTime('ai.reply.generated', messageId)!;
    expect(typingAt - generatedAt).toBeGreaterThanOrEqual(30_000);
    expect(typingAt - generatedAt).toBeLessThan(31_000);
    // Each observed within a step or two of 100 ms.
    expect(sentAt - typingAt).toBeGreaterThanOrEqual(4_800);
    expect(sentAt - typingAt).toBeLessThan(6_000);
    await h.recordHistory(conversationId, 'reply-delay-and-typing-paced');
    await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { reply_delay_seconds: null } });
  });

  it('a reply delay longer than a retry may wait (a minute) is a workflow timer; typing and the send follow it', async () => {
    await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { reply_delay_seconds: 150 } });
    try {
      h.llm.script({ reply: 'z'.repeat(40) }); // 2 s of typing
      const before = h.hook.requests.length;
      const generated = () => webhooks.requests.filter((r) => (r.body as any).type === 'ai.reply.generated').length;
      const generatedBefore = generated();
      const { conversation_id: conversationId } = (await inbound('No rush')).body as { conversation_id: string };
      await skipUntil(() => generated() === generatedBefore + 1);
      const messageId = (webhooks.requests.at(-1)!.body as any).data.message_id as string;
      await env.sleep('140 seconds');
      expect(h.hook.requests).toHaveLength(before); // past the minute a retry may wait, still in the delay
      const typingAt = await clockWhen(() => h.hook.requests.length === before + 1);
      const sentAt = await clockWhen(() => h.hook.requests.length === before + 2);
      expect(h.hook.requests.slice(before).map((r) => r.body.type)).toEqual(['typing.start', 'message.send']);
      // Not cut to the retry policy's one-minute cap: the whole 150 s, then the typing time.
      expect(typingAt - eventTime('ai.reply.generated', messageId)!).toBeGreaterThanOrEqual(150_000);
      expect(sentAt - typingAt).toBeGreaterThanOrEqual(1_800);
      expect(sentAt - typingAt).toBeLessThan(3_000);
      // The Java test server would let a retry wait 150 s; the Temporal server cuts it to the
      // policy's minute (so this history, not only the clock, shows the delay is a timer).
      expect((await waitsOf(conversationId)).slice(-2)).toEqual([
        { summary: 'reply delay', timerMs: 150_000 },
        { summary: 'deliver reply', pace: { waitMs: 0, typingMs: 2_000, showTyping: true } },
      ]);
    } finally {
      await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { reply_delay_seconds: null } });
    }
  });

  it('caps typing at TYPING_MAX_SECONDS for long replies', async () => {
    h.llm.script({ reply: 'y'.repeat(1000) }); // 50 s at 50 ms per character, capped at 8 s
    const before = h.hook.sends().length;
    await inbound('Write a lot');
    await skipUntil(() => h.hook.sends().length === before + 1);
    const log = await h.collections.aiLogs.findOne({ reply: 'y'.repeat(1000) });
    expect(log).toMatchObject({ typingMs: 8000, replyDelaySeconds: 0 });
  });

  it('retries provider timeouts and 5xx with backoff, then sends the reply once', async () => {
    h.llm.script(
      { status: 503, error: { message: 'overloaded' } },
      { status: 500, error: { message: 'boom' } },
      { reply: 'Third time lucky.' },
    );
    const calls = h.llm.requests.length;
    const before = h.hook.sends().length;
    await inbound('Are you up?');
    await skipUntil(() => h.hook.sends().length === before + 1);
    expect(h.hook.sends().at(-1)!.message.text).toBe('Third time lucky.');
    expect(h.llm.requests.length - calls).toBe(3);
    expect(await h.collections.aiLogs.countDocuments({ reply: 'Third time lucky.' })).toBe(1);
  });

  describe('split replies (split_messages, typing_ms_per_character)', () => {
    const VERSION_HEADER = { version: '2021-04-15' };
    let contacts = 0;
    /** A new contact: a conversation of its own, whose id the first message answers. */
    const newContact = () => {
      contacts += 1;
      const from = `4915300${contacts}`;
      return async (text: string) => {
        const answer = await inbound(text, from);
        expect(answer.status).toBe(202);
        return answer.body as { conversation_id: string; message_id: string };
      };
    };
    const sendsTo = (conversationId: string) =>
      h.hook.sends().filter((send) => send.conversation_id === conversationId);
    /** The hook calls for a conversation, in order: `typing <webhook-id>` or `send <text>`. */
    const hookCallsTo = (conversationId: string) =>
      h.hook.requests
        .filter((r) => r.body.conversation_id === conversationId)
        .map((r) =>
          r.body.type === 'typing.start' ? `typing ${String(r.headers['webhook-id'])}` : `send ${r.body.message.text}`,
        );
    const setAccount = async (body: Record<string, unknown>) =>
      expect((await h.request('patch', `/v1/accounts/${account.id}`, { body })).status).toBe(200);

    /** How long each reply message of the conversation types, from its delivery's pace in the history. */
    async function typingTimes(conversationId: string): Promise<{ summary: string; ms: number }[]> {
      return (await waitsOf(conversationId)).flatMap(({ summary, pace }) =>
        pace ? [{ summary, ms: pace.typingMs }] : [],
      );
    }

    afterAll(async () => {
      await setAccount({ split_messages: false, typing_ms_per_character: null });
    });

    it('sends each paragraph as its own message, each after its own typing indicator and time', async () => {
      await setAccount({ split_messages: true, typing_ms_per_character: 20 });
      const paragraphs = ['Hello Ana!', 'Our shop opens at nine.', 'See you soon.'];
      h.llm.script({ reply: `  ${paragraphs[0]}\n\n${paragraphs[1]}\n \n\n${paragraphs[2]}\n` });
      const contact = newContact();
      const { conversation_id: conversationId } = await contact('When do you open?');
      await skipUntil(() => sendsTo(conversationId).length === 3, '200 milliseconds');
      await env.sleep('10 seconds');

      const sends = sendsTo(conversationId);
      expect(sends.map((send) => send.message.text)).toEqual(paragraphs);
      const replyId = sends[0]!.message.id;
      const ids = [replyId, `${replyId}-part-2`, `${replyId}-part-3`];
      expect(sends.map((send) => send.message.id)).toEqual(ids);
      // Each send follows its own typing indicator (the indicator's webhook-id names the part).
      expect(hookCallsTo(conversationId)).toEqual(
        ids.flatMap((id, index) => [`typing ${id}:typing`, `send ${paragraphs[index]}`]),
      );
      // 20 ms per character of each part, as the deliveries were told.
      expect(await typingTimes(conversationId)).toEqual([
        { summary: 'deliver reply part 1 of 3', ms: 200 },
        { summary: 'deliver reply part 2 of 3', ms: 460 },
        { summary: 'deliver reply part 3 of 3', ms: 260 },
      ]);
      // Each part is an outbound message of its own (its id the idempotency key); the AI log lists them.
      const stored = await h.collections.messages
        .find({ conversationId, direction: 'outbound' })
        .sort({ createdAt: 1 })
        .toArray();
      expect(stored.map((m) => [m._id, m.text, m.deliveryStatus])).toEqual(
        ids.map((id, index) => [id, paragraphs[index], 'sent']),
      );
      const log = await h.collections.aiLogs.findOne({ _id: replyId });
      expect(log).toMatchObject({
        outcome: 'generated',
        typingMs: 920,
        parts: ids.map((messageId, index) => ({
          messageId,
          text: paragraphs[index],
          typingMs: [200, 460, 260][index],
        })),
      });
      expect(log?.partsSent).toBeUndefined();
      // Seed 004's generation details explain every part of the reply.
      const explained = await h.request('get', `/conversation-ai/generations?messageId=${ids[2]}&source=conversation`, {
        headers: VERSION_HEADER,
      });
      expect(explained).toMatchObject({
        status: 200,
        body: { responseMessage: expect.stringContaining('See you soon.') },
      });
      await h.recordHistory(conversationId, 'split-reply-paced');

      // A reply without a blank line stays one message, typed for its whole length.
      h.llm.script({ reply: 'One line.\nAnother line.' });
      await contact('And on Sundays?');
      await skipUntil(() => sendsTo(conversationId).length === 4, '200 milliseconds');
      expect(sendsTo(conversationId)[3]!.message.text).toBe('One line.\nAnother line.');
      expect((await typingTimes(conversationId)).at(-1)).toEqual({ summary: 'deliver reply', ms: 460 });
    });

    it('the agent’s settings win over the channel account’s, the account’s over the service’s', async () => {
      await setAccount({ split_messages: false, typing_ms_per_character: 20 });
      const created = await h.request('post', '/conversation-ai/agents', {
        headers: VERSION_HEADER,
        body: {
          name: 'Typist',
          personality: 'Warm',
          goal: 'Help',
          instructions: 'Answer briefly.',
          mode: 'AUTO_PILOT',
          channels: ['WhatsApp'],
          isPrimary: true,
          splitMessages: true,
          typingMsPerCharacter: 100,
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const agentPath = `/conversation-ai/agents/${created.body.id}`;
      try {
        const reply = 'Ten chars.\n\nThirty characters, exactly so.'; // 10 + 30 characters
        const answer = async () => {
          h.llm.script({ reply });
          const { conversation_id: conversationId } = await newContact()('Hi');
          await skipUntil(() => sendsTo(conversationId).length > 0, '200 milliseconds');
          await env.sleep('20 seconds');
          return { sends: sendsTo(conversationId).length, typing: await typingTimes(conversationId) };
        };

        // The agent: split, 100 ms per character (the account says neither).
        expect(await answer()).toEqual({
          sends: 2,
          typing: [
            { summary: 'deliver reply part 1 of 2', ms: 1000 },
            { summary: 'deliver reply part 2 of 2', ms: 3000 },
          ],
        });
        // The agent inherits (null): the account's, one message at 20 ms per character (42 characters).
        const inherit = await h.request('put', agentPath, {
          headers: VERSION_HEADER,
          body: { autoPilotMaxMessages: 25, splitMessages: null, typingMsPerCharacter: null },
        });
        expect(inherit.body).toMatchObject({ splitMessages: null, typingMsPerCharacter: null });
        expect(await answer()).toEqual({ sends: 1, typing: [{ summary: 'deliver reply', ms: 840 }] });
        // Neither sets the pace: the service's 50 ms per character, capped at TYPING_MAX_SECONDS (8 s).
        await setAccount({ typing_ms_per_character: null });
        expect(await answer()).toEqual({ sends: 1, typing: [{ summary: 'deliver reply', ms: 2100 }] });
      } finally {
        await h.request('delete', agentPath, { headers: VERSION_HEADER });
      }
    });

    /** A split reply whose second part types for 4.8 s: long enough to be interrupted. */
    async function replyInterruptedDuringPart2(interrupt: (conversationId: string) => Promise<void>) {
      await setAccount({ split_messages: true, typing_ms_per_character: 100 });
      h.llm.script({ reply: 'First part.\n\nThe second part is longer and takes a while.\n\nThird.' });
      const contact = newContact();
      const { conversation_id: conversationId } = await contact('Tell me everything');
      // Part 1 went out, then part 2's typing indicator: its typing time is running.
      await skipUntil(() => /-part-2:typing$/.test(hookCallsTo(conversationId).at(-1) ?? ''), '100 milliseconds');
      expect(sendsTo(conversationId)).toHaveLength(1);
      await interrupt(conversationId);
      await env.sleep('1 minute');
      const replyId = sendsTo(conversationId)[0]!.message.id;
      return { conversationId, contact, replyId, log: await h.collections.aiLogs.findOne({ _id: replyId }) };
    }

    it('a human message during part 2’s typing stops parts 2..n; the AI log says why', async () => {
      let humanMessageId = '';
      const { conversationId, log } = await replyInterruptedDuringPart2(async (id) => {
        const manual = await h.request('post', `/v1/conversations/${id}/messages`, {
          body: { text: 'Maria from the shop here.' },
        });
        expect(manual.status).toBe(202);
        humanMessageId = manual.body.message_id;
      });
      expect(sendsTo(conversationId).map((send) => send.message.text)).toEqual([
        'First part.',
        'Maria from the shop here.',
      ]);
      expect(log).toMatchObject({ outcome: 'generated', partsSent: 1 });
      expect(log?.reason).toMatch(/^stopped after 1 part: a human wrote to the contact/);
      expect(log?.supersededBy).toEqual([humanMessageId]);
      expect(await h.collections.messages.countDocuments({ conversationId, text: 'Third.' })).toBe(0);
      await h.recordHistory(conversationId, 'split-reply-stopped-paced');
    });

    it('a newer message from the contact during part 2’s typing stops the rest; the next reply answers it', async () => {
      let newer = '';
      const { conversationId, log } = await replyInterruptedDuringPart2(async (id) => {
        h.llm.script({ reply: 'Sure, here is the price.' });
        const sent = await h.inbound(account.id, {
          message_id: `wamid.timing-newer-${id}`,
          from: { id: sendsTo(id)[0]!.chat_id },
          text: 'and the price?',
        });
        newer = (sent.body as { message_id: string }).message_id;
      });
      expect(sendsTo(conversationId).map((send) => send.message.text)).toEqual([
        'First part.',
        'Sure, here is the price.',
      ]);
      expect(log).toMatchObject({ outcome: 'generated', partsSent: 1, supersededBy: [newer] });
      expect(log?.reason).toMatch(/^stopped after 1 part: the contact wrote again/);
      const next = await h.collections.aiLogs.findOne({ conversationId, reply: 'Sure, here is the price.' });
      expect(next?.triggerMessageIds).toEqual([newer]);
    });
  });
});
