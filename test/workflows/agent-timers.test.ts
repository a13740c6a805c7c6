import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Agent } from '../../src/domain/agent.js';
import { toolName } from '../../src/domain/agent-tools.js';
import { registerSearchAttributes } from '../../src/engine/search-attributes-admin.js';
import { agentFixtures } from '../support/agents.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { quietTemporalRuntime, startTimeSkippingEnvironment } from '../support/temporal-runtime.js';

const weekdaysNineToFive = [1, 2, 3, 4, 5].map((dayOfTheWeek) => ({
  dayOfTheWeek,
  intervals: [{ startHour: 9, startMinute: 0, endHour: 17, endMinute: 0 }],
}));

/**
 * What a conversation AI agent does over time, with time skipped by the Java test server: debounce,
 * sleep after a manual message (48 hours, or until resumed), follow-ups inside working hours across
 * weekends and DST changes, their cancellation, and the auto-pilot handover. The API, worker, store,
 * provider stand-in and receivers are the real ones.
 */
describe('conversation AI agent timers (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let account: { id: string };
  let webhooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let agent: Agent;
  let fixtures: ReturnType<typeof agentFixtures>;
  let contactSequence = 0;
  let messageSequence = 0;
  let contact = '';
  /** The conversation of the current test's contact. */
  let currentConversation = '';

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await startTimeSkippingEnvironment(inject('stack').temporalTestServerPath);
    await registerSearchAttributes(env.connection, 'default');
    h = await startHarness({}, env);
    account = await h.createChannelAccount();
    webhooks = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      body: { url: webhooks.url, events: ['ai.reply.sent', 'human_takeover'] },
    });
    await h.request('put', `/v1/accounts/${account.id}/human-takeover-webhook`, {
      body: { url: `${webhooks.url}/takeover`, method: 'POST', headers: {}, body: {} },
    });
    fixtures = agentFixtures(h.store, h.organizationId);
    agent = await fixtures.agent();
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
    await webhooks?.close();
  });
  beforeEach(async () => {
    // Each test talks to a new contact (a new conversation) with the agent reset to answer at once.
    contactSequence += 1;
    contact = `49151000${contactSequence}`;
    await fixtures.removeActions(agent._id);
    await fixtures.update(agent._id, { waitTime: 0, sleepEnabled: false, autoPilotMaxMessages: 25 });
  });

  async function skipUntil(done: () => boolean | Promise<boolean>, step = '1 minute', maxSteps = 600): Promise<void> {
    for (let i = 0; i < maxSteps && !(await done()); i++) await env.sleep(step);
    expect(await done()).toBe(true);
  }

  const inbound = async (text: string) => {
    messageSequence += 1;
    const answer = await h.inbound(account.id, {
      message_id: `wamid.agent-${messageSequence}`,
      from: { id: contact },
      text,
    });
    expect(answer.status).toBe(202);
    currentConversation = answer.body.conversation_id;
    return answer.body as { conversation_id: string; message_id: string };
  };
  const sendsTo = (conversationId: string) => h.hook.sends().filter((send) => send.conversation_id === conversationId);
  const sentTexts = (conversationId: string) => sendsTo(conversationId).map((s) => s.message.text);
  /** When the workflow sent `text` in the current test's conversation (its `ai.reply.sent` event carries the workflow's clock). */
  const sentAt = (text: string) => {
    const event = webhooks.requests.findLast(
      (r) =>
        (r.body as any).type === 'ai.reply.sent' &&
        (r.body as any).data.text === text &&
        (r.body as any).data.conversation_id === currentConversation,
    );
    return event ? Date.parse((event.body as any).timestamp) : undefined;
  };
  const takeovers = (conversationId: string) =>
    webhooks.requests.filter((r) => r.path === '/takeover' && (r.body as any).conversation_id === conversationId);
  /** The workflow's clock moves on by the few real milliseconds a task takes: a minute's tolerance. */
  const expectAbout = (actual: number | undefined, expected: number) =>
    expect(Math.abs(actual! - expected)).toBeLessThan(60_000);
  /** Moves the test server's clock to `isoDate` at `hour`:`minute` in `zone`. */
  async function skipTo(zone: string, isoDate: string, hour: number, minute: number): Promise<void> {
    const target = DateTime.fromISO(isoDate, { zone }).set({ hour, minute }).toMillis();
    const now = await env.currentTimeMs();
    expect(target).toBeGreaterThan(now);
    await env.sleep(target - now);
  }

  it('debounces: a burst of messages inside the wait time gets one reply to all of them', async () => {
    await fixtures.update(agent._id, { waitTime: 30, waitTimeUnit: 'SECONDS' });
    h.llm.script({ reply: 'One answer for all three.' });
    const calls = h.llm.requests.length;
    const { conversation_id: conversationId } = await inbound('Hi');
    await env.sleep('20 seconds');
    await inbound('I would like a cake');
    await env.sleep('20 seconds');
    await inbound('for Saturday');
    await env.sleep('20 seconds');
    expect(sendsTo(conversationId)).toHaveLength(0); // the last message restarted the wait

    await skipUntil(() => sendsTo(conversationId).length === 1, '5 seconds', 60);
    await env.sleep('2 minutes');
    expect(sentTexts(conversationId)).toEqual(['One answer for all three.']);
    expect(h.llm.requests.length - calls).toBe(1);
    const prompt = h.llm
      .completions()
      .at(-1)!
      .messages.map((m) => m.content);
    expect(prompt).toEqual(expect.arrayContaining(['Hi', 'I would like a cake', 'for Saturday']));
    expect(prompt[0]).toContain('You are Ava');
    const log = await h.collections.aiLogs.findOne({ reply: 'One answer for all three.' });
    expect(log?.triggerMessageIds).toHaveLength(3);
    await h.recordHistory(conversationId, 'debounce');
  });

  it('answers as the agent is now on every turn: set to OFF it leaves the message to the humans, back on it answers', async () => {
    h.llm.script({ reply: 'First answer.' }, { reply: 'Third answer.' });
    const { conversation_id: conversationId } = await inbound('Hi');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);

    // The next turn's agent is looked up by its generation (the agent did not debounce): it sees the change.
    await fixtures.update(agent._id, { mode: 'OFF' });
    const calls = h.llm.requests.length;
    const { message_id: unansweredId } = await inbound('Anyone?');
    await skipUntil(
      async () => (await h.collections.aiLogs.findOne({ triggerMessageIds: unansweredId })) !== null,
      '1 second',
      60,
    );
    expect(await h.collections.aiLogs.findOne({ triggerMessageIds: unansweredId })).toMatchObject({
      outcome: 'skipped',
      reason: 'the agent is OFF',
    });
    expect(h.llm.requests.length).toBe(calls);

    await fixtures.update(agent._id, { mode: 'AUTO_PILOT' });
    await inbound('Hello again');
    await skipUntil(() => sendsTo(conversationId).length === 2, '1 second', 60);
    expect(sentTexts(conversationId)).toEqual(['First answer.', 'Third answer.']);
  });

  it('sleeps 48 hours after a manual message, then wakes on a durable timer', async () => {
    await fixtures.update(agent._id, {
      sleepEnabled: true,
      sleepTime: 48,
      sleepTimeUnit: 'HOURS',
      sleepOnManualMessage: true,
    });
    const { conversation_id: conversationId } = await inbound('Hello');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);
    const manual = await h.request('post', `/v1/conversations/${conversationId}/messages`, {
      body: { text: 'Hi, Maria from the shop here.' },
    });
    expect(manual.status).toBe(202);
    await skipUntil(() => sendsTo(conversationId).length === 2, '1 second', 60);

    await env.sleep('47 hours');
    await inbound('Are you still there?');
    await env.sleep('10 minutes');
    expect(sendsTo(conversationId)).toHaveLength(2); // asleep: stored, not answered
    expect((await h.collections.conversations.findOne({ _id: conversationId }))?.aiAgentActive).toBe(false);

    await env.sleep('2 hours'); // past the 48 hours: the timer woke the bot
    await skipUntil(
      async () => (await h.collections.conversations.findOne({ _id: conversationId }))?.aiAgentActive === true,
    );
    h.llm.script({ reply: 'Back again!' });
    await inbound('Hello again');
    await skipUntil(() => sentTexts(conversationId).includes('Back again!'), '1 second', 60);
    expect(takeovers(conversationId)).toHaveLength(0); // a sleep is no takeover
    await h.recordHistory(conversationId, 'human-message-sleep-and-wake');
  });

  it('sleeps indefinitely (sleepTime null) until a human resumes the bot', async () => {
    await fixtures.update(agent._id, {
      sleepEnabled: true,
      sleepTime: null,
      sleepTimeUnit: null,
      sleepOnWorkflowMessage: true,
    });
    const { conversation_id: conversationId } = await inbound('Hello');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);
    await h.request('post', `/v1/conversations/${conversationId}/messages`, {
      body: { text: 'Your order shipped.', source: 'workflow' },
    });
    await skipUntil(() => sendsTo(conversationId).length === 2, '1 second', 60);
    await env.sleep('10 days');
    await inbound('Thanks! When does it arrive?');
    await env.sleep('1 hour');
    expect(sendsTo(conversationId)).toHaveLength(2);

    const resumed = await h.request('post', '/functions/v1/bot-control', {
      body: { conversation_id: conversationId, action: 'resume' },
    });
    expect(resumed.status).toBe(200);
    h.llm.script({ reply: 'Tomorrow.' });
    await inbound('Hello?');
    await skipUntil(() => sentTexts(conversationId).includes('Tomorrow.'), '1 second', 60);
  });

  async function stoppedReplyingFollowup(followupSettings: Record<string, unknown>) {
    return fixtures.action(agent._id, {
      type: 'ADVANCED_FOLLOWUP',
      name: 'Nudge',
      details: {
        enabled: true,
        scenarioId: 'contactStoppedReplying',
        followupSequence: [
          { id: 1, followupTime: 30, followupTimeUnit: 'MINUTES', customMessage: 'Still interested?' },
          { id: 2, followupTime: 1, followupTimeUnit: 'DAYS', customMessage: 'Last call for cakes!' },
        ],
        followupSettings,
      },
    });
  }

  it('follows up Friday 18:30 on Monday at 09:00 in the contact’s zone, then the next step a day later', async () => {
    // A first exchange creates the contact, whose time zone is then known.
    const { conversation_id: conversationId } = await inbound('Hello');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);
    const { contactId } = (await h.collections.conversations.findOne({ _id: conversationId }))!;
    await h.store.contacts.setFields(h.organizationId, contactId, { timezone: 'America/New_York' });
    await stoppedReplyingFollowup({
      dynamicChannelSwitching: false,
      followUpHours: true,
      workingHours: weekdaysNineToFive,
      timezoneToUse: 'contact',
    });
    const now = DateTime.fromMillis(await env.currentTimeMs(), { zone: 'America/New_York' });
    const friday = now.plus({ days: (5 - now.weekday + 7) % 7 || 7 }).toISODate()!;
    await skipTo('America/New_York', friday, 18, 0);
    await inbound('How much is a cake?');
    await skipUntil(() => sendsTo(conversationId).length === 2, '1 second', 60);

    // Due Friday 18:30, outside the hours: sent Monday 09:00 New York time, not during the weekend.
    await skipUntil(() => sentAt('Still interested?') !== undefined, '1 hour', 100);
    const monday = DateTime.fromISO(friday, { zone: 'America/New_York' }).plus({ days: 3 }).set({ hour: 9 });
    expectAbout(sentAt('Still interested?'), monday.toMillis());
    // The second step, a day after the first, inside the hours again: Tuesday 09:00.
    await skipUntil(() => sentAt('Last call for cakes!') !== undefined, '1 hour', 48);
    expectAbout(sentAt('Last call for cakes!'), monday.plus({ days: 1 }).toMillis());
    expect(sentTexts(conversationId).slice(2)).toEqual(['Still interested?', 'Last call for cakes!']);
    await h.recordHistory(conversationId, 'follow-ups');
  });

  it('lands on the first interval across a DST change (New York springs forward 2027-03-14)', async () => {
    await stoppedReplyingFollowup({
      dynamicChannelSwitching: false,
      followUpHours: true,
      workingHours: weekdaysNineToFive,
      timezoneToUse: 'location',
    });
    await h.store.channelAccounts.update(h.organizationId, account.id, { timezone: 'America/New_York' });
    await skipTo('America/New_York', '2027-03-12', 18, 0);
    const { conversation_id: conversationId } = await inbound('Do you deliver?');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);
    await skipUntil(
      () => sentAt('Still interested?') !== undefined && sentAt('Still interested?')! > Date.parse('2027-03-01'),
      '1 hour',
      100,
    );
    // Monday 09:00 EDT is 13:00 UTC (it was 14:00 UTC the Friday before, in EST).
    const sends = webhooks.requests.filter(
      (r) => (r.body as any).type === 'ai.reply.sent' && (r.body as any).data.conversation_id === conversationId,
    );
    expectAbout(Date.parse((sends.at(-1)!.body as any).timestamp), Date.parse('2027-03-15T13:00:00Z'));
  });

  it('switches the follow-up to the channel the contact wrote on last (dynamicChannelSwitching)', async () => {
    await stoppedReplyingFollowup({ dynamicChannelSwitching: true, followUpHours: false });
    const sms = await h.createChannelAccount('Second WhatsApp number');
    const phone = `+49151777${contactSequence}`;
    const first = await h.inbound(account.id, {
      message_id: `wamid.switch-a-${contactSequence}`,
      from: { id: contact, phone },
      text: 'Hi',
    });
    const onFirst = first.body.conversation_id as string;
    await skipUntil(() => sendsTo(onFirst).length === 1, '1 second', 60);
    await env.sleep('10 minutes');
    const second = await h.inbound(sms.id, {
      message_id: `wamid.switch-b-${contactSequence}`,
      from: { id: `other-${contact}`, phone },
      text: 'Hi again',
    });
    const onSecond = second.body.conversation_id as string;
    await skipUntil(() => sendsTo(onSecond).length === 1, '1 second', 60);

    // The first conversation's follow-up (due 30 minutes after its reply) goes where the contact is now.
    await skipUntil(() => sentTexts(onSecond).includes('Still interested?'), '1 minute', 25);
    expect(sentTexts(onFirst)).not.toContain('Still interested?');
    // The second conversation's own follow-up (due 30 minutes after its reply) was cancelled by the
    // one that came from the first: one nudge, not two.
    await env.sleep('1 hour');
    expect(sentTexts(onSecond).filter((text) => text === 'Still interested?')).toHaveLength(1);
  });

  it('cancels the follow-up when the contact replies, and when the conversation closes', async () => {
    await stoppedReplyingFollowup({ dynamicChannelSwitching: false, followUpHours: false });
    const { conversation_id: conversationId } = await inbound('Hi');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);
    await env.sleep('20 minutes');
    h.llm.script({ reply: 'Great, see you.' });
    await inbound('Sorry, was busy. Yes please!');
    await skipUntil(() => sentTexts(conversationId).includes('Great, see you.'), '1 second', 60);
    await env.sleep('15 minutes'); // 35 minutes after the first reply: its follow-up would be out
    expect(sentTexts(conversationId)).not.toContain('Still interested?');

    // The reply armed a new follow-up; closing the conversation cancels it.
    const { contactId } = (await h.collections.conversations.findOne({ _id: conversationId }))!;
    const closed = await h.request('post', `/contact/id:${contactId}/conversation/status`, {
      body: { status: 'close' },
    });
    expect(closed.status).toBe(200);
    await env.sleep('2 days');
    expect(sentTexts(conversationId)).not.toContain('Still interested?');
    expect(sendsTo(conversationId)).toHaveLength(2);
  });

  it('hands over to a human after autoPilotMaxMessages AI messages (takeover webhook once)', async () => {
    await fixtures.update(agent._id, { autoPilotMaxMessages: 2 });
    const { conversation_id: conversationId } = await inbound('One');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);
    await inbound('Two');
    await skipUntil(() => sendsTo(conversationId).length === 2, '1 second', 60);
    await skipUntil(() => takeovers(conversationId).length === 1, '1 second', 60);
    expect((takeovers(conversationId)[0]!.body as any).agent).toMatchObject({ id: `agent:${agent._id}` });

    await inbound('Three');
    await env.sleep('1 hour');
    expect(sendsTo(conversationId)).toHaveLength(2);
    expect(takeovers(conversationId)).toHaveLength(1);
    const stored = await h.collections.conversations.findOne({ _id: conversationId });
    expect(stored?.aiAgentActive).toBe(false);
    await h.recordHistory(conversationId, 'auto-pilot-limit');
  });

  it('schedules follow-ups from the model’s ADVANCED_FOLLOWUP call (contact is busy)', async () => {
    const busy = await fixtures.action(agent._id, {
      type: 'ADVANCED_FOLLOWUP',
      name: 'Busy',
      details: {
        enabled: true,
        scenarioId: 'contactIsBusy',
        followupSequence: [
          { id: 1, followupTime: 2, followupTimeUnit: 'HOURS', customMessage: 'Is now a better time?' },
        ],
      },
    });
    h.llm.script({ toolCalls: [{ name: toolName(busy) }] }, { reply: 'No problem, I will check back later.' });
    const { conversation_id: conversationId } = await inbound('I am in a meeting, later please');
    await skipUntil(() => sendsTo(conversationId).length === 1, '1 second', 60);
    const answered = sentAt('No problem, I will check back later.')!;
    await skipUntil(() => sentAt('Is now a better time?') !== undefined, '10 minutes', 30);
    expectAbout(sentAt('Is now a better time?'), answered + 2 * 3_600_000);
    const log = await h.collections.aiLogs.findOne({ reply: 'No problem, I will check back later.' });
    expect(log?.actionLogs).toMatchObject([
      { actionId: busy._id, actionType: 'ADVANCED_FOLLOWUP', status: 'succeeded' },
    ]);
  });
});
