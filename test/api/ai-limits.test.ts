import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/agent.js';
import { toolName } from '../../src/domain/agent-tools.js';
import { purgeExpired } from '../../src/store/retention.js';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { agentFixtures } from '../support/agents.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';

const VERSION = { version: '2021-04-15' };

/**
 * What one organization, one conversation and one reply may take (issue 18, findings 4 and 5), on
 * the real stack with a scripted model: tool calls and rounds per reply, agent actions per
 * conversation and day, prompt size, daily token budgets with their operator event, the AI log's
 * prompt TTL, and email/phone the model writes kept apart from the contact's identity.
 */
describe('AI limits', () => {
  let h: Harness;
  let account: { id: string };
  let agent: Agent;
  let fixtures: ReturnType<typeof agentFixtures>;
  let receiver: Awaited<ReturnType<typeof startRecordingServer>>;
  let sequence = 0;

  beforeAll(async () => {
    h = await startHarness({
      OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
      AI_MAX_TOOL_ROUNDS: '2',
      AI_MAX_TOOL_CALLS_PER_ROUND: '2',
      AGENT_MAX_ACTIONS_PER_CONVERSATION_PER_DAY: '3',
      AI_MAX_PROMPT_CHARACTERS: '2000',
    });
    account = await h.createChannelAccount();
    receiver = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    fixtures = agentFixtures(h.store, h.organizationId);
    agent = await fixtures.agent();
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });
  beforeEach(() => fixtures.removeActions(agent._id));

  /** A contact (new unless `from` is given) writes `text`; resolves with its conversation once `replies` were sent. */
  async function say(
    text: string,
    { replies = 1, from = `3461000${++sequence}`, email = undefined as string | undefined } = {},
  ) {
    const answer = await h.inbound(account.id, {
      message_id: `wamid.limits-${++sequence}`,
      from: { id: from, name: 'Max', ...(email ? { email } : {}) },
      text,
    });
    expect(answer.status).toBe(202);
    const conversationId = answer.body.conversation_id as string;
    const sent = () => h.hook.sends().filter((s) => s.conversation_id === conversationId);
    if (replies > 0) await eventually(() => expect(sent()).toHaveLength(replies));
    return { conversationId, contactId: answer.body.contact_id as string, from, sent };
  }
  const logsOf = (conversationId: string) =>
    h.collections.aiLogs.find({ conversationId }).sort({ createdAt: 1 }).toArray();

  /** A TRIGGER_WORKFLOW action of the agent, and a model's call of it. */
  async function notifyCall() {
    const trigger = await fixtures.action(agent._id, {
      type: 'TRIGGER_WORKFLOW',
      name: 'Notify',
      details: { workflowIds: ['wf-1'], triggerCondition: 'Always' },
    });
    return { name: toolName(trigger), arguments: { reason: 'r' } };
  }

  it('runs at most AI_MAX_TOOL_CALLS_PER_ROUND calls per round and AI_MAX_TOOL_ROUNDS rounds per reply', async () => {
    const call = await notifyCall();
    const before = h.llm.requests.length;
    h.llm.script({ toolCalls: [call, call, call] }, { toolCalls: [call] }, { reply: 'Done.' });
    const { conversationId, sent } = await say('Please notify everyone');
    expect(sent().map((s) => s.message.text)).toEqual(['Done.']);

    const requests = h.llm.completions().slice(before);
    expect(requests).toHaveLength(3);
    // Three calls asked in the first round, two run and answered; the last request offers no tools.
    expect(requests[1]!.messages.filter((m) => m.role === 'tool')).toHaveLength(2);
    expect(requests[2]!.messages.filter((m) => m.role === 'tool')).toHaveLength(3);
    expect(requests.map((r) => Boolean(r.tools?.length))).toEqual([true, true, false]);
    const [log] = await logsOf(conversationId);
    expect(log!.actionLogs!.map((a) => a.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('past AGENT_MAX_ACTIONS_PER_CONVERSATION_PER_DAY the tool tells the model the quota is reached, and the AI log records it', async () => {
    const call = await notifyCall();
    h.llm.script({ toolCalls: [call, call] }, { reply: 'Two done.' });
    const first = await say('Notify twice');
    h.llm.script({ toolCalls: [call, call] }, { reply: 'One more done, one refused.' });
    await say('And twice more', { from: first.from, replies: 2 });

    const logs = await logsOf(first.conversationId);
    expect(logs.map((log) => log.actionLogs!.map((a) => a.status))).toEqual([
      ['succeeded', 'succeeded'],
      ['succeeded', 'quota_exceeded'],
    ]);
    expect(logs[1]!.actionLogs![1]!.result).toContain('quota of 3 actions');
    const toolAnswers = h.llm
      .completions()
      .at(-1)!
      .messages.filter((m) => m.role === 'tool');
    expect(toolAnswers.at(-1)!.content).toContain('reached its quota');
  });

  it('drops the oldest history to fit AI_MAX_PROMPT_CHARACTERS, and skips a turn that cannot fit', async () => {
    const long = 'L'.repeat(1500);
    const first = await say(long);
    const medium = `question ${'M'.repeat(600)}`;
    await say(medium, { from: first.from, replies: 2 });
    const fitted = h.llm.completions().at(-1)!;
    expect(fitted.messages.map((m) => m.content)).not.toContain(long);
    expect(fitted.messages.at(-1)!.content).toBe(medium);

    const before = h.llm.requests.length;
    await say('H'.repeat(1950), { from: first.from, replies: 0 });
    await eventually(async () => expect((await logsOf(first.conversationId)).at(-1)!.outcome).toBe('skipped'));
    expect((await logsOf(first.conversationId)).at(-1)!.reason).toBe('prompt_too_large');
    expect(h.llm.requests.length).toBe(before);
    expect(first.sent()).toHaveLength(2);
  });

  it('skips turns over the daily token budget (budget_exceeded), sends nothing, and tells the operator once', async () => {
    const limited = await createOrganization(h.collections, { name: 'Budgeted org' });
    const key = limited.adminKey.key;
    const talking = await h.createChannelAccount('Talking account', key);
    const listening = await h.createChannelAccount('Listening account', key);
    // The subscription is on another account: the budget is the organization's, so is the event.
    const subscribed = await h.request('post', `/v1/accounts/${listening.id}/webhooks`, {
      key,
      body: { url: `${receiver.url}/events`, events: ['ai.budget.exceeded'] },
    });
    expect(subscribed.status).toBe(201);
    // The scripted provider reports 18 tokens per call: the first turn spends the whole budget.
    const budget = await h.request('put', '/v1/ai/budget', { key, body: { daily_token_budget: 18 } });
    expect(budget.body).toMatchObject({
      daily_token_budget: 18,
      effective_daily_token_budget: 18,
      tokens_used_today: 0,
    });

    const inbound = (n: number) =>
      h.request('post', `/v1/accounts/${talking.id}/messages`, {
        key,
        body: { message_id: `wamid.budget-${n}`, from: { id: '34699000001' }, text: `Question ${n}` },
      });
    const { body: firstAnswer } = await inbound(1);
    const conversationId = firstAnswer.conversation_id as string;
    const sent = () => h.hook.sends().filter((s) => s.conversation_id === conversationId);
    await eventually(() => expect(sent()).toHaveLength(1));
    const providerCalls = h.llm.requests.length;

    await inbound(2);
    await eventually(async () => expect(await logsOf(conversationId)).toHaveLength(2));
    await inbound(3);
    await eventually(async () => expect(await logsOf(conversationId)).toHaveLength(3));
    const logs = await logsOf(conversationId);
    expect(logs.map((log) => [log.outcome, log.reason])).toEqual([
      ['generated', null],
      ['skipped', 'budget_exceeded'],
      ['skipped', 'budget_exceeded'],
    ]);
    expect(h.llm.requests.length).toBe(providerCalls);

    const events = () => receiver.requests.filter((r) => (r.body as { type?: string }).type === 'ai.budget.exceeded');
    await eventually(() => expect(events()).toHaveLength(1));
    expect(events()[0]!.body).toMatchObject({
      data: {
        organization_id: limited.organizationId,
        daily_token_budget: 18,
        tokens_used: 18,
        conversation_id: conversationId,
      },
    });
    // Both skipped turns published it; the second found the day's event already there.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(events()).toHaveLength(1);
    expect(sent()).toHaveLength(1);

    // The AI test routes respect the budget too, and the other organization is not affected.
    const test = await h.request('post', '/v1/ai/admin/test', { key, body: { message: 'Hi' } });
    expect(test.status).toBe(429);
    expect(test.body.error.code).toBe('budget_exceeded');
    expect(Number(test.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await h.request('get', '/v1/ai/budget', { key })).body).toMatchObject({
      exceeded: true,
      tokens_used_today: 18,
    });
    expect((await h.request('post', '/v1/ai/admin/test', { body: { message: 'Hi' } })).status).toBe(200);
  });

  it('empties AI logs’ prompt text after AI_LOG_PROMPT_TTL_DAYS and keeps their metadata', async () => {
    const { conversationId } = await say('Remember this prompt text');
    const [log] = await logsOf(conversationId);
    const generation = () =>
      h.request('get', `/conversation-ai/generations?messageId=${log!._id}&source=conversation`, { headers: VERSION });
    expect((await generation()).body.history).toEqual([{ role: 'user', content: 'Remember this prompt text' }]);

    expect(await purgeExpired(h.collections, 30)).toBe(0);
    const fortyDaysLater = new Date(log!.createdAt.getTime() + 40 * 86_400_000);
    expect(await purgeExpired(h.collections, 30, fortyDaysLater)).toBeGreaterThan(0);

    const after = await generation();
    expect(after.body).toMatchObject({ prompt: '', history: [], responseMessage: log!.reply });
    const purged = await h.collections.aiLogs.findOne({ _id: log!._id });
    expect(purged).toMatchObject({ outcome: 'generated', usage: log!.usage, latencyMs: log!.latencyMs, prompt: [] });
    expect(purged!.promptRemovedAt).toEqual(fortyDaysLater);
  });

  it('keeps an email the model writes apart, unverified: seed 003 does not find the contact by it', async () => {
    const saveEmail = await fixtures.action(agent._id, {
      type: 'UPDATE_CONTACT_FIELD',
      name: 'Email',
      details: { contactFieldId: 'email', description: 'The contact’s email' },
    });
    // The real owner of the address wrote from a channel that gave it.
    const owner = await say('Hello from the owner', { email: 'ceo@example.com' });
    h.llm.script(
      { toolCalls: [{ name: toolName(saveEmail), arguments: { value: 'ceo@example.com' } }] },
      { reply: 'Saved.' },
    );
    const claimer = await say('My email is ceo@example.com, update it');

    const contact = await h.request('get', `/v1/contacts/${claimer.contactId}`);
    expect(contact.body).toMatchObject({
      email: null,
      unverified_fields: { email: { value: 'ceo@example.com', source: 'ai', conversation_id: claimer.conversationId } },
    });
    const ownerNumber = (await h.request('get', `/v1/contacts/${owner.contactId}`)).body.number as number;
    const closed = await h.request('post', '/contact/email:ceo@example.com/conversation/status', {
      body: { status: 'close' },
    });
    expect(closed.body).toEqual({ contactId: ownerNumber });
    expect(await h.collections.conversations.findOne({ _id: claimer.conversationId })).toMatchObject({
      status: 'open',
    });

    h.llm.script(
      { toolCalls: [{ name: toolName(saveEmail), arguments: { value: 'nobody-else@example.com' } }] },
      { reply: 'Saved.' },
    );
    await say('Actually it is nobody-else@example.com', { from: claimer.from, replies: 2 });
    const notFound = await h.request('post', '/contact/email:nobody-else@example.com/conversation/status', {
      body: { status: 'close' },
    });
    expect(notFound).toMatchObject({ status: 404, body: { code: 404, message: 'Contact not found' } });
  });
});
