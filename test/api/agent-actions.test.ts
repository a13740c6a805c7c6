import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/agent.js';
import { toolName } from '../../src/domain/agent-tools.js';
import { agentFixtures } from '../support/agents.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';

/**
 * A conversation AI agent's actions, offered to the model as tools and executed for real when the
 * (scripted) model calls them: each effect is asserted where it lands — the contact in MongoDB, the
 * calendar and automation receivers, the takeover webhook, the channel hook, the next prompt.
 */
describe('agent actions as tools', () => {
  let h: Harness;
  let account: { id: string; hook_secret: string };
  let receiver: Awaited<ReturnType<typeof startRecordingServer>>;
  let agent: Agent;
  let fixtures: ReturnType<typeof agentFixtures>;
  let sequence = 0;

  beforeAll(async () => {
    h = await startHarness({ OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true' });
    account = await h.createChannelAccount();
    receiver = await startRecordingServer((request, response) =>
      request.path === '/calendar'
        ? sendJson(response, 201, { appointment_id: 'apt-77', start_time: (request.body as any).start_time })
        : request.path === '/calendar-full'
          ? sendJson(response, 422, { error: 'internal: mongodb://admin:hunter2@10.0.0.5 is full' })
          : sendJson(response, 200, {}),
    );
    await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
      body: { url: `${receiver.url}/events`, events: ['agent.workflow.triggered', 'agent.suggestion.created'] },
    });
    await h.request('put', `/v1/accounts/${account.id}/human-takeover-webhook`, {
      body: { url: `${receiver.url}/takeover`, method: 'POST', headers: {}, body: {} },
    });
    fixtures = agentFixtures(h.store, h.organizationId);
    agent = await fixtures.agent();
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });
  beforeEach(async () => {
    await fixtures.removeActions(agent._id);
    await fixtures.update(agent._id, { mode: 'AUTO_PILOT', knowledgeBaseIds: [], respondToImages: false });
  });

  /** A new contact says `text`; resolves once the channel received `replies` messages in that conversation. */
  async function converse(text: string, replies = 1, extra: Record<string, unknown> = {}) {
    sequence += 1;
    const answer = await h.inbound(account.id, {
      message_id: `wamid.tools-${sequence}`,
      from: { id: `3460000${sequence}`, name: 'Lena' },
      text,
      ...extra,
    });
    expect(answer.status).toBe(202);
    const conversationId = answer.body.conversation_id as string;
    const sent = () => h.hook.sends().filter((s) => s.conversation_id === conversationId);
    if (replies > 0) await eventually(() => expect(sent()).toHaveLength(replies));
    return { conversationId, sent, texts: () => sent().map((s) => s.message.text) };
  }
  const lastPrompt = () => h.llm.completions().at(-1)!;

  it('UPDATE_CONTACT_FIELD writes the contact (custom fields; email and phone apart, as unverified) and tells the model', async () => {
    const email = await fixtures.action(agent._id, {
      type: 'UPDATE_CONTACT_FIELD',
      name: 'Email',
      details: { contactFieldId: 'email', description: 'The contact’s email' },
    });
    const allergy = await fixtures.action(agent._id, {
      type: 'updateContactField',
      name: 'Allergies',
      details: { contactFieldId: 'allergies', description: 'Food allergies' },
    });
    h.llm.script(
      {
        toolCalls: [
          { name: toolName(email), arguments: { value: 'lena@example.com' } },
          { name: toolName(allergy), arguments: { value: 'nuts' } },
        ],
      },
      { reply: 'Noted, thanks!' },
    );
    const { conversationId, texts } = await converse('I am lena@example.com and allergic to nuts');
    expect(texts()).toEqual(['Noted, thanks!']);
    const conversation = await h.collections.conversations.findOne({ _id: conversationId });
    const contact = await h.collections.contacts.findOne({ _id: conversation!.contactId });
    expect(contact).toMatchObject({
      email: null,
      unverifiedFields: { email: { value: 'lena@example.com', source: 'ai', conversationId } },
      customFields: { allergies: 'nuts' },
    });
    // The model saw both tools, then the answers of both calls.
    const [first, second] = h.llm.completions().slice(-2);
    expect(first!.tools!.map((t) => t.function.name).sort()).toEqual([toolName(email), toolName(allergy)].sort());
    expect(second!.messages.filter((m) => m.role === 'tool').map((m) => m.content)).toEqual([
      'Saved email = lena@example.com (as unverified).',
      'Saved allergies = nuts.',
    ]);
    await h.recordHistory(conversationId, 'tool-calls');
  });

  it('UPDATE_CONTACT_FIELD refuses an invalid value: the model is told, the contact unchanged', async () => {
    const phone = await fixtures.action(agent._id, {
      type: 'UPDATE_CONTACT_FIELD',
      name: 'Phone',
      details: { contactFieldId: 'phone', description: 'Phone number' },
    });
    h.llm.script(
      { toolCalls: [{ name: toolName(phone), arguments: { value: 'call me maybe' } }] },
      { reply: 'Which number?' },
    );
    const { conversationId } = await converse('my number is call me maybe');
    expect(lastPrompt().messages.at(-1)).toMatchObject({ role: 'tool', content: expect.stringContaining('phone') });
    const log = await h.collections.aiLogs.findOne({ conversationId });
    expect(log?.actionLogs).toMatchObject([{ actionType: 'UPDATE_CONTACT_FIELD', status: 'failed' }]);
    const contact = await h.collections.contacts.findOne({
      _id: (await h.collections.conversations.findOne({ _id: conversationId }))!.contactId,
    });
    expect(contact?.phone).toBeNull();
  });

  it('TRIGGER_WORKFLOW delivers agent.workflow.triggered to the subscribed automation webhook', async () => {
    const trigger = await fixtures.action(agent._id, {
      type: 'TRIGGER_WORKFLOW',
      name: 'Order cake',
      details: { workflowIds: ['wf-cake-order'], triggerCondition: 'The contact orders a cake' },
    });
    h.llm.script(
      { toolCalls: [{ name: toolName(trigger), arguments: { reason: 'cake order' } }] },
      { reply: 'Ordered!' },
    );
    const { conversationId } = await converse('One chocolate cake please');
    await eventually(() =>
      expect(
        receiver.requests.filter(
          (r) =>
            (r.body as any).type === 'agent.workflow.triggered' &&
            (r.body as any).data.conversation_id === conversationId,
        ),
      ).toHaveLength(1),
    );
    const event = receiver.requests.find((r) => (r.body as any).data?.conversation_id === conversationId)!;
    expect((event.body as any).data).toMatchObject({
      workflow_ids: ['wf-cake-order'],
      reason: 'cake order',
      action_id: trigger._id,
    });
  });

  /** An APPOINTMENT_BOOKING action on `calendarId` that the model calls once; the booking call as received. */
  async function bookOn(calendarId: string, startTime: string) {
    const booking = await fixtures.action(agent._id, {
      type: 'APPOINTMENT_BOOKING',
      name: 'Tasting',
      details: {
        calendarId,
        onlySendLink: false,
        triggerWorkflow: false,
        sleepAfterBooking: false,
        transferBot: false,
        rescheduleEnabled: true,
        cancelEnabled: true,
      },
    });
    const before = receiver.requests.filter((r) => r.path === '/calendar').length;
    h.llm.script(
      { toolCalls: [{ name: toolName(booking), arguments: { startTime, notes: 'wedding cake' } }] },
      { reply: 'You are booked.' },
    );
    const { texts } = await converse('Can I come for a tasting?');
    expect(texts()).toEqual(['You are booked.']);
    const bookings = receiver.requests.filter((r) => r.path === '/calendar').slice(before);
    expect(bookings).toHaveLength(1);
    expect(bookings[0]!.body).toMatchObject({ calendar_id: calendarId, start_time: startTime, notes: 'wedding cake' });
    expect(lastPrompt().messages.at(-1)!.content).toContain('Booked appointment apt-77');
    await h.store.agentActions.delete(h.organizationId, booking.agentId, booking._id);
    return bookings[0]!;
  }

  it('APPOINTMENT_BOOKING books against the calendar endpoint once, signed with the calendar’s own secret', async () => {
    const created = await h.request('post', '/v1/calendars', {
      body: { name: 'Tastings', booking_url: `${receiver.url}/calendar` },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { has_signing_secret: true, signing_secret: expect.any(String) },
    });
    const first = await bookOn(created.body.id, '2026-12-01T15:00:00+01:00');
    expect(() => h.hook.verify(first, created.body.signing_secret)).not.toThrow();
    expect(() => h.hook.verify(first, account.hook_secret)).toThrow();

    // Rotated: the next booking verifies with the new secret only; reads never show a secret.
    const rotated = await h.request('post', `/v1/calendars/${created.body.id}/signing-secret`);
    expect(rotated).toMatchObject({ status: 201, body: { signing_secret: expect.any(String) } });
    const second = await bookOn(created.body.id, '2026-12-02T15:00:00+01:00');
    expect(() => h.hook.verify(second, rotated.body.signing_secret)).not.toThrow();
    expect(() => h.hook.verify(second, created.body.signing_secret)).toThrow();
    const read = await h.request('get', `/v1/calendars/${created.body.id}`);
    expect(read.body).toMatchObject({ has_signing_secret: true });
    expect(JSON.stringify(read.body)).not.toContain(rotated.body.signing_secret);
  });

  it('a calendar stored before calendars had their own secret keeps the channel’s hook secret until rotated', async () => {
    await h.collections.calendars.insertOne({
      _id: 'cal-legacy',
      organizationId: h.organizationId,
      name: 'Tastings (legacy)',
      bookingUrl: `${receiver.url}/calendar`,
      bookingPageUrl: 'https://book.example.com/tastings',
      createdAt: new Date(),
    });
    expect((await h.request('get', '/v1/calendars/cal-legacy')).body).toMatchObject({ has_signing_secret: false });
    const legacy = await bookOn('cal-legacy', '2026-12-03T15:00:00+01:00');
    expect(() => h.hook.verify(legacy, account.hook_secret)).not.toThrow();

    const rotated = await h.request('post', '/v1/calendars/cal-legacy/signing-secret');
    const migrated = await bookOn('cal-legacy', '2026-12-04T15:00:00+01:00');
    expect(() => h.hook.verify(migrated, rotated.body.signing_secret)).not.toThrow();
    expect(() => h.hook.verify(migrated, account.hook_secret)).toThrow();
  });

  it('APPOINTMENT_BOOKING refused by the calendar: the model and the action log get the status, not the body', async () => {
    await h.collections.calendars.insertOne({
      _id: 'cal-full',
      organizationId: h.organizationId,
      name: 'Full',
      bookingUrl: `${receiver.url}/calendar-full`,
      bookingPageUrl: null,
      createdAt: new Date(),
    });
    const booking = await fixtures.action(agent._id, {
      type: 'APPOINTMENT_BOOKING',
      name: 'Full tasting',
      details: {
        calendarId: 'cal-full',
        onlySendLink: false,
        triggerWorkflow: false,
        sleepAfterBooking: false,
        transferBot: false,
        rescheduleEnabled: false,
        cancelEnabled: false,
      },
    });
    h.llm.script(
      { toolCalls: [{ name: toolName(booking), arguments: { startTime: '2026-12-02T15:00:00+01:00' } }] },
      { reply: 'That slot is taken.' },
    );
    const { texts, conversationId } = await converse('Wednesday 3pm?');
    expect(texts()).toEqual(['That slot is taken.']);
    expect(lastPrompt().messages.at(-1)).toMatchObject({
      role: 'tool',
      content: expect.stringContaining('the calendar refused the booking (422)'),
    });
    const log = await h.collections.aiLogs.findOne({ conversationId, outcome: 'generated' });
    expect(log?.actionLogs).toEqual([
      expect.objectContaining({ status: 'failed', result: 'the calendar refused the booking (422)' }),
    ]);
    expect(JSON.stringify([lastPrompt(), log])).not.toContain('hunter2');
  });

  it('STOP_BOT sends the final message and stops answering, without a takeover', async () => {
    const stop = await fixtures.action(agent._id, {
      type: 'STOP_BOT',
      name: 'Goodbye',
      details: {
        stopBotDetectionType: 'Goodbye',
        stopBotTriggerCondition: 'The contact says goodbye',
        reactivateEnabled: false,
        enabled: true,
        stopBotExamples: ['bye', 'that is all'],
        finalMessage: 'Goodbye and thanks!',
      },
    });
    h.llm.script({ toolCalls: [{ name: toolName(stop) }] });
    const conversation = await converse('bye');
    expect(conversation.texts()).toEqual(['Goodbye and thanks!']);
    await eventually(async () =>
      expect((await h.collections.conversations.findOne({ _id: conversation.conversationId }))?.aiAgentActive).toBe(
        false,
      ),
    );
    const takeovers = receiver.requests.filter(
      (r) => r.path === '/takeover' && (r.body as any).conversation_id === conversation.conversationId,
    );
    expect(takeovers).toHaveLength(0);
  });

  it('HUMAN_HAND_OVER sends the final message, pauses the bot and calls the takeover webhook once', async () => {
    const handOver = await fixtures.humanHandOver(agent._id);
    h.llm.script({ toolCalls: [{ name: toolName(handOver), arguments: { reason: 'asked for a person' } }] });
    const { conversationId, texts } = await converse('Can I talk to someone?');
    expect(texts()).toEqual(['A colleague will reply shortly.']);
    await eventually(() =>
      expect(
        receiver.requests.filter((r) => r.path === '/takeover' && (r.body as any).conversation_id === conversationId),
      ).toHaveLength(1),
    );
    const log = await h.collections.aiLogs.findOne({ conversationId });
    expect(log).toMatchObject({
      reply: 'A colleague will reply shortly.',
      actionLogs: [{ actionType: 'HUMAN_HAND_OVER' }],
    });
  });

  it('TRANSFER_BOT lets the other agent answer, now and in later turns', async () => {
    const specialist = await fixtures.agent({
      name: 'Otto',
      isPrimary: false,
      instructions: 'You handle wholesale orders.',
    });
    const transfer = await fixtures.action(agent._id, {
      type: 'TRANSFER_BOT',
      name: 'Wholesale',
      details: { transferBotType: 'Default', transferToBot: specialist._id, enabled: true },
    });
    h.llm.script({ toolCalls: [{ name: toolName(transfer) }] }, { reply: 'Otto here, how many cakes?' });
    const conversation = await converse('I need 200 cakes for my shops');
    expect(conversation.texts()).toEqual(['Otto here, how many cakes?']);
    expect(lastPrompt().messages[0]!.content).toContain('You are Otto');
    const stored = await h.collections.conversations.findOne({ _id: conversation.conversationId });
    expect(stored?.agentId).toBe(specialist._id);

    h.llm.script({ reply: 'Two hundred it is.' });
    const { externalId } = (await h.collections.contacts.findOne({ _id: stored!.contactId }))!;
    await h.inbound(account.id, { message_id: `wamid.tools-next-${sequence}`, from: { id: externalId }, text: '200' });
    await eventually(() => expect(conversation.texts()).toEqual(['Otto here, how many cakes?', 'Two hundred it is.']));
    expect(lastPrompt().messages[0]!.content).toContain('You are Otto');
    await h.recordHistory(conversation.conversationId, 'transfer');
    await h.store.agents.delete(h.organizationId, specialist._id);
  });

  it('SUGGESTIVE mode stores a suggestion for a human, announces it and sends nothing', async () => {
    await fixtures.update(agent._id, { mode: 'SUGGESTIVE' });
    h.llm.script({ reply: 'We open at 8.' });
    const { conversationId, sent } = await converse('When do you open?', 0);
    await eventually(async () =>
      expect(await h.collections.suggestions.findOne({ conversationId })).toMatchObject({
        text: 'We open at 8.',
        status: 'pending',
        agentId: agent._id,
      }),
    );
    const listed = await h.request('get', `/v1/conversations/${conversationId}/suggestions`);
    expect(listed.body).toEqual([
      expect.objectContaining({ text: 'We open at 8.', status: 'pending', decided_at: null, sent_message_id: null }),
    ]);
    await eventually(() =>
      expect(
        receiver.requests.some(
          (r) =>
            (r.body as any).type === 'agent.suggestion.created' &&
            (r.body as any).data.conversation_id === conversationId,
        ),
      ).toBe(true),
    );
    expect(sent()).toHaveLength(0);
    expect(h.llm.completions().at(-1)!.tools).toBeUndefined(); // a suggesting agent acts on nothing
    await h.recordHistory(conversationId, 'suggestive');
  });

  it('answers images only when respondToImages is on', async () => {
    const before = h.llm.requests.length;
    const { conversationId, sent } = await converse('', 0, { type: 'image' });
    await eventually(async () =>
      expect(await h.collections.aiLogs.findOne({ conversationId })).toMatchObject({
        outcome: 'skipped',
        reason: expect.stringContaining('kind of message'),
      }),
    );
    expect(sent()).toHaveLength(0);
    expect(h.llm.requests.length).toBe(before);
  });

  it('retrieves knowledge-base chunks into the prompt and logs them', async () => {
    await h.collections.knowledgeBases.insertOne({
      _id: 'kb-1',
      organizationId: h.organizationId,
      name: 'FAQ',
      chunkCount: 2,
      createdAt: new Date(),
    });
    await h.collections.knowledgeChunks.insertMany([
      {
        _id: 'kb-1:0',
        organizationId: h.organizationId,
        knowledgeBaseId: 'kb-1',
        ordinal: 0,
        text: 'Gluten-free cakes are baked on Thursdays.',
      },
      {
        _id: 'kb-1:1',
        organizationId: h.organizationId,
        knowledgeBaseId: 'kb-1',
        ordinal: 1,
        text: 'Parking is behind the shop.',
      },
    ]);
    await fixtures.update(agent._id, { knowledgeBaseIds: ['kb-1'] });
    h.llm.script({ reply: 'On Thursdays.' });
    const { conversationId } = await converse('Do you have gluten-free cakes?');
    expect(lastPrompt().messages[0]!.content).toContain('Gluten-free cakes are baked on Thursdays.');
    const log = await h.collections.aiLogs.findOne({ conversationId });
    expect(log?.knowledgeChunks?.[0]).toMatchObject({ knowledgeBaseId: 'kb-1', chunkId: 'kb-1:0' });
  });
});
