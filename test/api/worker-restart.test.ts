import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('a worker stopped between the LLM call and the send', () => {
  let h: Harness;
  let account: { id: string };

  beforeAll(async () => {
    h = await startHarness();
    account = await h.createChannelAccount();
  });
  afterAll(() => h?.close());

  it('resumes on a new worker and sends the reply exactly once, without calling the LLM again', async () => {
    // The moment the provider has answered, stop the worker: the generation activity may finish
    // (graceful shutdown) but no worker is left to schedule the send.
    let stopping: Promise<void> | undefined;
    h.llm.onAnswered(() => {
      h.llm.onAnswered(undefined);
      stopping = h.stopWorker();
    });
    h.llm.script({ reply: 'Your order ships tomorrow.' });
    const accepted = await h.inbound(account.id, {
      message_id: 'wamid.crash-1',
      from: { id: '4479001' },
      text: 'Where is my order?',
    });
    expect(accepted.status).toBe(202);

    await eventually(() => stopping !== undefined, { what: 'the provider call' });
    await stopping;
    const log = await eventually(
      () => h.collections.aiLogs.findOne({ conversationId: accepted.body.conversation_id }),
      {
        what: 'the AI log of the generation',
      },
    );
    expect(log).toMatchObject({ outcome: 'generated', reply: 'Your order ships tomorrow.' });
    expect(h.hook.sends()).toHaveLength(0);

    await h.restartWorker();
    await eventually(() => h.hook.sends().length === 1, { what: 'the send after restart' });

    // Flush with one more message: any duplicate send of the first reply would arrive before its answer.
    h.llm.script({ reply: 'Anything else?' });
    await h.inbound(account.id, { message_id: 'wamid.crash-2', from: { id: '4479001' }, text: 'Thanks' });
    await eventually(() => h.hook.sends().length >= 2, { what: 'the flush reply' });
    expect(h.hook.sends().map((s) => s.message.text)).toEqual(['Your order ships tomorrow.', 'Anything else?']);
    expect(h.llm.completions()).toHaveLength(2);
  });

  it('retries a send while the channel hook is failing, with the same idempotency key, and sends once it recovers', async () => {
    const before = h.hook.sendRequests().length;
    h.hook.failNext(503, 502);
    h.llm.script({ reply: 'We are open until 6pm.' });
    await h.inbound(account.id, { message_id: 'wamid.hook-down', from: { id: '4479002' }, text: 'Are you open?' });
    await eventually(() => h.hook.sendRequests().length === before + 3, {
      what: 'two failed attempts and one success',
    });
    const attempts = h.hook.sendRequests().slice(before);
    const keys = new Set(attempts.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    const sentId = [...keys][0] as string;
    await eventually(async () => (await h.collections.messages.findOne({ _id: sentId }))?.deliveryStatus === 'sent', {
      what: 'the message marked sent',
    });
  });

  it('sends the reply even when the hook refuses the typing indicator', async () => {
    h.hook.answerTypingWith(500);
    h.llm.script({ reply: 'Sent without typing.' });
    const accepted = await h.inbound(account.id, {
      message_id: 'wamid.no-typing',
      from: { id: '4479003' },
      text: 'Hi',
    });
    const sends = await eventually(
      () => {
        const mine = h.hook.sends().filter((s) => s.conversation_id === accepted.body.conversation_id);
        return mine.length > 0 && mine;
      },
      { what: 'the reply' },
    );
    expect(sends.map((s) => s.message.text)).toEqual(['Sent without typing.']);
    const typingAttempts = h.hook.requests.filter(
      (r) => r.body.type === 'typing.start' && r.body.conversation_id === accepted.body.conversation_id,
    );
    expect(typingAttempts.length).toBeGreaterThanOrEqual(1);
    h.hook.answerTypingWith(200);
  });
});
