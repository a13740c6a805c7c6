import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { registerSearchAttributes } from '../../src/engine/search-attributes-admin.js';
import { startHarness, type Harness } from '../support/harness.js';
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

  const inbound = (text: string) => {
    sequence += 1;
    return h.inbound(account.id, { message_id: `wamid.timing-${sequence}`, from: { id: '4915100000' }, text });
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
    await inbound('Take your time');

    await skipUntil(() => webhooks.requests.some((r) => (r.body as any).type === 'ai.reply.generated'));
    const messageId = (webhooks.requests[0]!.body as any).data.message_id as string;
    await env.sleep('20 seconds');
    expect(h.hook.requests).toHaveLength(0); // still inside the reply delay

    await skipUntil(() => h.hook.sends().length === 1);
    expect(h.hook.requests.map((r) => r.body.type)).toEqual(['typing.start', 'message.send']);
    await skipUntil(() => eventTime('ai.reply.sent', messageId) !== undefined);
    const elapsed = eventTime('ai.reply.sent', messageId)! - eventTime('ai.reply.generated', messageId)!;
    expect(elapsed).toBeGreaterThanOrEqual(35_000);
    expect(elapsed).toBeLessThan(60_000);
    await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { reply_delay_seconds: null } });
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
});
