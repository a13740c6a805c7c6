import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Agent } from '../../src/domain/agent.js';
import { registerSearchAttributes } from '../../src/engine/search-attributes-admin.js';
import { conversationStateQuery, conversationWorkflowId } from '../../src/workflows/definitions.js';
import { agentFixtures } from '../support/agents.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { quietTemporalRuntime, startTimeSkippingEnvironment } from '../support/temporal-runtime.js';
import { request as httpRequest } from 'node:http';
import { setTimeout as sleepMs } from 'node:timers/promises';

/**
 * Issue 14's controls through the real HTTP API, worker, store and Temporal (time skipped by the
 * Java test server): a pause during an agent's sleep holds, a burst gets one reply, a closed
 * conversation reopens on an inbound message (per channel account), a body of the wrong type is
 * refused. Stand-ins only at the edge (provider, channel hook, takeover webhook).
 */
describe('controls that always hold (time-skipping, real API)', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let account: { id: string };
  let webhooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let fixtures: ReturnType<typeof agentFixtures>;
  let sequence = 0;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await startTimeSkippingEnvironment(inject('stack').temporalTestServerPath);
    await registerSearchAttributes(env.connection, 'default');
    // A change waits 4 s to be applied here (15 s by default): long enough for the 1.5 s generation
    // below, short enough for the slow one.
    h = await startHarness(
      { RATE_LIMIT_CONVERSATION_STATUS_POINTS: '1000', CONTROLS_CHANGE_TIMEOUT_SECONDS: '4' },
      env,
    );
    account = await h.createChannelAccount();
    webhooks = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    await h.request('put', `/v1/accounts/${account.id}/human-takeover-webhook`, {
      body: { url: `${webhooks.url}/takeover`, method: 'POST', headers: {}, body: {} },
    });
    fixtures = agentFixtures(h.store, h.organizationId);
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
    await webhooks?.close();
  });

  async function skipUntil(done: () => boolean | Promise<boolean>, step = '1 second', maxSteps = 120): Promise<void> {
    for (let i = 0; i < maxSteps && !(await done()); i++) await env.sleep(step);
    expect(await done()).toBe(true);
  }

  /** A new contact each test: a conversation of its own. */
  function contact() {
    sequence += 1;
    const from = `4915200${sequence}`;
    return async (text: string) => {
      sequence += 1;
      const answer = await h.inbound(account.id, { message_id: `wamid.ctl-${sequence}`, from: { id: from }, text });
      expect(answer.status).toBe(202);
      return answer.body as { conversation_id: string; message_id: string; contact_id: string };
    };
  }
  const sendsTo = (conversationId: string) => h.hook.sends().filter((send) => send.conversation_id === conversationId);
  const takeovers = (conversationId: string) =>
    webhooks.requests.filter((r) => r.path === '/takeover' && (r.body as any).conversation_id === conversationId);
  /** The conversation's status as seed 001's listing shows it. */
  const listedStatus = async (conversationId: string) => {
    const listed = await h.request('get', `/functions/v1/rest-api-proxy/conversations?id=${conversationId}`);
    return (listed.body as { status: string }[])[0]?.status;
  };
  const workflowState = (conversationId: string) =>
    h.api.deps.temporal.workflow
      .getHandle(conversationWorkflowId(h.organizationId, conversationId))
      .query(conversationStateQuery);

  describe('with an AUTO_PILOT agent that sleeps 6 s after a manual message', () => {
    let agent: Agent;
    beforeAll(async () => {
      agent = await fixtures.agent({
        sleepEnabled: true,
        sleepTime: 6,
        sleepTimeUnit: 'SECONDS' as Agent['sleepTimeUnit'],
        sleepOnManualMessage: true,
      });
    });
    afterAll(async () => {
      await h.store.agents.delete(h.organizationId, agent._id);
    });

    it('a human pause during the sleep holds: botState paused, takeover webhook once, no wake-up', async () => {
      const inbound = contact();
      h.llm.script({ reply: 'Hello! How can I help?' });
      const { conversation_id: conversationId } = await inbound('Hi');
      await skipUntil(() => sendsTo(conversationId).length === 1);
      const manual = await h.request('post', `/v1/conversations/${conversationId}/messages`, {
        body: { text: 'Maria from the shop here.' },
      });
      expect(manual.status).toBe(202);
      await skipUntil(async () => (await workflowState(conversationId)).botState === 'sleeping', '100 milliseconds');

      const paused = await h.request('post', '/functions/v1/bot-control', {
        body: { conversation_id: conversationId, action: 'pause' },
      });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ bot_active: false });
      const state = await workflowState(conversationId);
      expect(state).toMatchObject({ botState: 'paused', wakeAt: null });
      await skipUntil(() => takeovers(conversationId).length === 1);

      await env.sleep('1 minute'); // long past the 6 s wake-up
      const calls = h.llm.requests.length;
      await inbound('Anyone there?');
      await env.sleep('1 minute');
      expect((await workflowState(conversationId)).botState).toBe('paused');
      expect(sendsTo(conversationId).map((s) => s.message.text)).toEqual([
        'Hello! How can I help?',
        'Maria from the shop here.',
      ]);
      expect(takeovers(conversationId)).toHaveLength(1);
      expect(h.llm.requests.length).toBe(calls);
      const skipped = await h.collections.aiLogs.findOne({ conversationId, outcome: 'skipped' });
      expect(skipped?.reason).toMatch(/human holds the conversation/);
      await h.recordHistory(conversationId, 'sleep-then-pause');
    });

    it('a resume right after a human’s message wins over the sleep that message asks for: they apply in order', async () => {
      const inbound = contact();
      h.llm.script({ reply: 'Hello!' }, { reply: 'Back to you.' });
      const { conversation_id: conversationId } = await inbound('Hi');
      await skipUntil(() => sendsTo(conversationId).length === 1);

      const [manual, resumed] = await Promise.all([
        h.request('post', `/v1/conversations/${conversationId}/messages`, { body: { text: 'A human here.' } }),
        // Sent while the message's effect (the agent's sleep) may still wait for the workflow.
        sleepMs(20).then(() =>
          h.request('post', '/functions/v1/bot-control', {
            body: { conversation_id: conversationId, action: 'resume' },
          }),
        ),
      ]);
      expect([manual.status, resumed.status]).toEqual([202, 200]);
      expect(resumed.body).toMatchObject({ bot_active: true });
      expect(await workflowState(conversationId)).toMatchObject({ botState: 'active', wakeAt: null });

      await inbound('One more thing');
      await skipUntil(() => sendsTo(conversationId).length === 3);
      expect(sendsTo(conversationId).at(-1)!.message.text).toBe('Back to you.');
      expect(takeovers(conversationId)).toEqual([]);
    });
  });

  it('a message while the reply is pending supersedes it: one reply, from both messages', async () => {
    await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { reply_delay_seconds: 4 } });
    try {
      const inbound = contact();
      h.llm.script({ reply: 'Shipping takes two days.' }, { reply: 'Two days, and it costs 5 EUR.' });
      const { conversation_id: conversationId } = await inbound('first question about shipping');
      await skipUntil(() => h.llm.completions().length > 0, '100 milliseconds');
      await env.sleep('1500 milliseconds');
      await inbound('and the price?');
      await skipUntil(() => sendsTo(conversationId).length === 1);
      await env.sleep('1 minute');

      expect(sendsTo(conversationId).map((s) => s.message.text)).toEqual(['Two days, and it costs 5 EUR.']);
      const lastPrompt = h.llm
        .completions()
        .at(-1)!
        .messages.map((m) => m.content);
      expect(lastPrompt).toEqual(expect.arrayContaining(['first question about shipping', 'and the price?']));
      const stale = await h.collections.aiLogs.findOne({ conversationId, reply: 'Shipping takes two days.' });
      expect(stale).toMatchObject({ outcome: 'skipped', supersededBy: [expect.any(String)] });
      expect(stale?.reason).toMatch(/superseded/);
      const sent = await h.collections.aiLogs.findOne({ conversationId, reply: 'Two days, and it costs 5 EUR.' });
      expect(sent?.triggerMessageIds).toHaveLength(2);
      await h.recordHistory(conversationId, 'supersede-paced');
    } finally {
      await h.request('put', `/v1/accounts/${account.id}/ai`, { body: { reply_delay_seconds: null } });
    }
  });

  /** A new contact's message whose reply the provider takes `delayMs` to generate, paused meanwhile. */
  async function pauseWhileGenerating(reply: string, delayMs: number) {
    const inbound = contact();
    h.llm.script({ reply, delayMs });
    const requestsBefore = h.llm.requests.length;
    const { conversation_id: conversationId } = await inbound('A slow question');
    await skipUntil(() => h.llm.requests.length > requestsBefore, '100 milliseconds');
    const paused = await h.request('post', '/functions/v1/bot-control', {
      body: { conversation_id: conversationId, action: 'pause' },
    });
    return { conversationId, paused };
  }

  it('a pause while the reply is being generated: answered once applied, the reply dropped unsent, the webhook once', async () => {
    // The change holds the bot at once; the workflow applies it once the generation is back.
    const { conversationId, paused } = await pauseWhileGenerating('Thought about it for a while.', 1_500);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ bot_active: false });
    const reply = { conversationId, reply: 'Thought about it for a while.' };
    expect(await h.collections.aiLogs.findOne(reply), 'answered after the generation was back').not.toBeNull();
    expect(await workflowState(conversationId)).toMatchObject({ botState: 'paused' });
    await skipUntil(() => takeovers(conversationId).length === 1);

    await env.sleep('1 minute');
    expect(sendsTo(conversationId)).toEqual([]);
    expect(takeovers(conversationId)).toHaveLength(1);
    const dropped = await h.collections.aiLogs.findOne(reply);
    expect(dropped).toMatchObject({ outcome: 'skipped' });
    expect(dropped?.reason).toMatch(/human holds the conversation/);
  });

  it('a pause the workflow cannot apply in time answers 503 in seed 001’s shape, and still holds', async () => {
    const { conversationId, paused } = await pauseWhileGenerating('Took far too long.', 6_000);
    expect(paused.status).toBe(503);
    expect(paused.headers.get('retry-after')).toBe('2');
    expect(paused.body).toMatchObject({
      error: expect.stringMatching(/recorded but its conversation has not applied it/),
    });

    await skipUntil(async () => (await workflowState(conversationId)).botState === 'paused', '500 milliseconds', 60);
    await skipUntil(() => takeovers(conversationId).length === 1);
    await env.sleep('1 minute');
    expect(sendsTo(conversationId)).toEqual([]);
  });

  it('a closed conversation reopens on an inbound message (reopen_on_inbound, default true)', async () => {
    const inbound = contact();
    h.llm.script({ reply: 'Hi there.' });
    const { conversation_id: conversationId, contact_id: contactId } = await inbound('Hello');
    await skipUntil(() => sendsTo(conversationId).length === 1);
    const closed = await h.request('post', `/contact/id:${contactId}/conversation/status`, {
      body: { status: 'close' },
    });
    expect(closed.status).toBe(200);

    h.llm.script({ reply: 'Welcome back!' });
    await inbound('I have another question');
    await skipUntil(() => sendsTo(conversationId).length === 2);
    expect(sendsTo(conversationId)[1]!.message.text).toBe('Welcome back!');
    expect(await listedStatus(conversationId)).toBe('open');
    await h.recordHistory(conversationId, 'reopen');

    // Turned off for the account: the conversation stays closed and the message is left to the humans.
    const patched = await h.request('patch', `/v1/accounts/${account.id}`, { body: { reopen_on_inbound: false } });
    expect(patched.body).toMatchObject({ reopen_on_inbound: false });
    try {
      await h.request('post', `/contact/id:${contactId}/conversation/status`, { body: { status: 'close' } });
      await inbound('Hello again?');
      await env.sleep('1 minute');
      expect(sendsTo(conversationId)).toHaveLength(2);
      expect(await listedStatus(conversationId)).toBe('closed');
      const skipped = await h.collections.aiLogs.findOne({ conversationId, reason: 'the conversation is closed' });
      expect(skipped).toMatchObject({ outcome: 'skipped' });
    } finally {
      await h.request('patch', `/v1/accounts/${account.id}`, { body: { reopen_on_inbound: true } });
    }
  });

  it('refuses a body it does not read (415, the surface’s error shape) and changes nothing', async () => {
    const before = await h.request('get', '/v1/ai/global');
    const plain = await h.request('put', '/v1/ai/global', {
      rawBody: JSON.stringify({ reply_delay_seconds: 42 }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect((await h.request('get', '/v1/ai/global')).body).toEqual(before.body);

    const form = await h.request('post', '/functions/v1/bot-control', {
      rawBody: 'conversation_id=x&action=pause',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.body).toEqual({ error: expect.stringContaining('application/json') });
  });

  it('takes an empty body of any type as no body: a DELETE with Content-Length 0 is not refused', async () => {
    const account = await h.createChannelAccount();
    const created = await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      body: { url: 'https://hooks.example.com/events', events: ['ai.reply.sent'] },
    });
    expect(created.status).toBe(201);
    const path = `/v1/accounts/${account.id}/webhooks/${(created.body as { id: string }).id}`;
    // node:http, not fetch: fetch sends no Content-Length on a DELETE without a body.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      httpRequest(`${h.api.url}${path}`, {
        method: 'DELETE',
        headers: { 'x-api-key': h.adminKey, 'content-length': '0' },
      })
        .on('response', (response) => resolve(response.resume().statusCode))
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(204);
  });
});
