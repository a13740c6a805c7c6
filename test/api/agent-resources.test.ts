import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDefaults, type Agent } from '../../src/domain/agent.js';
import { ServiceError } from '../../src/domain/errors.js';
import { derivedId } from '../../src/domain/ids.js';
import { chunkText } from '../../src/domain/knowledge-base.js';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { CreateCalendar } from '../../src/usecases/calendars.js';
import { CalendarRepository } from '../../src/store/calendars.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

/** The `/v1` resources agents use (knowledge bases, calendars), suggestions and time zones, on the real stack. */
describe('agent resources, suggestions and time zones', () => {
  let h: Harness;
  let otherKey: string;
  let readonlyKey: string;

  beforeAll(async () => {
    h = await startHarness();
    otherKey = (await createOrganization(h.collections, { name: 'Other org' })).adminKey.key;
    const issued = await h.request('post', '/v1/api-keys', {
      body: { name: 'readers', scopes: ['conversation-ai.readonly', 'conversations.readonly'] },
    });
    readonlyKey = issued.body.key;
  });
  afterAll(async () => {
    await h?.close();
  });

  async function insertAgent(fields: Partial<Agent> = {}): Promise<Agent> {
    const agent: Agent = {
      ...agentDefaults,
      _id: randomUUID(),
      organizationId: h.organizationId,
      name: 'Inserted agent',
      personality: 'Calm',
      goal: 'Help',
      instructions: 'Be brief',
      isPrimary: false,
      createdAt: new Date(),
      updatedAt: new Date(),
      ...fields,
    };
    await h.store.agents.insert(agent);
    return agent;
  }

  describe('knowledge bases', () => {
    const text = Array.from(
      { length: 12 },
      (_, p) => `Topic ${p}. ` + 'We ship to every country in the European Union within three days. '.repeat(4),
    ).join('\n\n');

    it('chunks the text, lists, reads with chunks in order, and scopes to the organization', async () => {
      const created = await h.request('post', '/v1/knowledge-bases', { body: { name: 'Shipping', text } });
      expect(created.status).toBe(201);
      const expected = chunkText(text);
      expect(expected.length).toBeGreaterThan(1);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Shipping',
        chunk_count: expected.length,
        created_at: expect.any(String),
      });
      const { id } = created.body;

      const read = await h.request('get', `/v1/knowledge-bases/${id}`, { key: readonlyKey });
      expect(read.body).toEqual({
        ...created.body,
        chunks: expected.map((chunk, ordinal) => ({ id: `${id}:${ordinal}`, ordinal, text: chunk })),
      });
      expect((await h.request('get', '/v1/knowledge-bases')).body).toContainEqual(created.body);

      expect((await h.request('get', `/v1/knowledge-bases/${id}`, { key: otherKey })).status).toBe(404);
      expect((await h.request('delete', `/v1/knowledge-bases/${id}`, { key: otherKey })).status).toBe(404);
      expect((await h.request('get', '/v1/knowledge-bases', { key: otherKey })).body).toEqual([]);
      const readOnlyWrite = await h.request('post', '/v1/knowledge-bases', {
        key: readonlyKey,
        body: { name: 'x', text },
      });
      expect(readOnlyWrite.status).toBe(403);
    });

    it('takes texts up to 500 kB and refuses larger or empty ones', async () => {
      const sentence = 'Our support team answers every weekday from nine to five. ';
      const largest = sentence.repeat(Math.floor(500_000 / sentence.length)).trim();
      const accepted = await h.request('post', '/v1/knowledge-bases', { body: { name: 'Large', text: largest } });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
      expect(accepted.body.chunk_count).toBe(chunkText(largest).length);

      const tooLarge = await h.request('post', '/v1/knowledge-bases', {
        body: { name: 'Too large', text: `${largest} ${'é'.repeat(2_000)}` },
      });
      expect(tooLarge).toMatchObject({ status: 400, body: { error: { code: 'validation_error' } } });
      expect(tooLarge.body.error.details).toContainEqual(expect.objectContaining({ path: 'text' }));
      expect((await h.request('post', '/v1/knowledge-bases', { body: { name: 'Empty', text: ' \n ' } })).status).toBe(
        400,
      );
    });

    it('delete removes the chunks and the id from the agents using it', async () => {
      const created = await h.request('post', '/v1/knowledge-bases', { body: { name: 'Doomed', text } });
      const { id } = created.body;
      const keep = randomUUID();
      const agent = await insertAgent({ knowledgeBaseIds: [keep, id] });

      expect((await h.request('delete', `/v1/knowledge-bases/${id}`)).status).toBe(204);
      expect((await h.request('get', `/v1/knowledge-bases/${id}`)).status).toBe(404);
      expect(await h.collections.knowledgeChunks.countDocuments({ knowledgeBaseId: id })).toBe(0);
      expect((await h.collections.agents.findOne({ _id: agent._id }))?.knowledgeBaseIds).toEqual([keep]);
      expect((await h.request('delete', `/v1/knowledge-bases/${id}`)).status).toBe(404);
    });
  });

  describe('calendars', () => {
    const body = { name: 'Demos', booking_url: 'https://calendar.example.com/book' };

    it('creates, lists, reads; another organization’s calendar is 404', async () => {
      const created = await h.request('post', '/v1/calendars', {
        body: { ...body, booking_page_url: 'https://calendar.example.com/page' },
      });
      expect(created).toEqual({
        status: 201,
        headers: expect.anything(),
        body: {
          id: expect.any(String),
          name: 'Demos',
          booking_url: body.booking_url,
          booking_page_url: 'https://calendar.example.com/page',
          has_signing_secret: true,
          signing_secret: expect.stringMatching(/^whsec_/),
          created_at: expect.any(String),
        },
      });
      // The signing secret is shown once: reads have only `has_signing_secret`.
      const stored = { ...created.body };
      delete stored.signing_secret;
      expect((await h.request('get', `/v1/calendars/${created.body.id}`, { key: readonlyKey })).body).toEqual(stored);
      expect((await h.request('get', '/v1/calendars')).body).toContainEqual(stored);
      expect((await h.request('get', `/v1/calendars/${created.body.id}`, { key: otherKey })).status).toBe(404);
      expect((await h.request('post', '/v1/calendars', { body })).body.booking_page_url).toBeNull();
    });

    it('guards the booking URL like an outbound hook', async () => {
      for (const booking_url of ['ftp://calendar.example.com/book', 'https://user:secret@calendar.example.com/book']) {
        const refused = await h.request('post', '/v1/calendars', { body: { ...body, booking_url } });
        expect(refused.status, booking_url).toBe(400);
        expect(refused.body.error.details).toContainEqual(expect.objectContaining({ path: 'booking_url' }));
      }
      // Outside development, private-network targets are refused too.
      const production = new CreateCalendar(
        new CalendarRepository(h.collections.calendars),
        h.api.deps.secretBox,
        false,
      );
      const privateTarget = production.execute({
        organizationId: h.organizationId,
        name: 'Internal',
        bookingUrl: 'http://127.0.0.1:8080/book',
        bookingPageUrl: null,
      });
      await expect(privateTarget).rejects.toMatchObject({
        status: 400,
        details: [expect.objectContaining({ path: 'booking_url' })],
      });
      await expect(privateTarget).rejects.toBeInstanceOf(ServiceError);
    });

    it('refuses (409) to delete a calendar a booking action uses', async () => {
      const calendar = (await h.request('post', '/v1/calendars', { body })).body;
      const agent = await insertAgent();
      const actionId = randomUUID();
      await h.store.agentActions.insert({
        _id: actionId,
        organizationId: h.organizationId,
        agentId: agent._id,
        type: 'APPOINTMENT_BOOKING',
        name: 'Book',
        details: {
          calendarId: calendar.id,
          onlySendLink: true,
          triggerWorkflow: false,
          sleepAfterBooking: false,
          transferBot: false,
          rescheduleEnabled: false,
          cancelEnabled: false,
        },
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const refused = await h.request('delete', `/v1/calendars/${calendar.id}`);
      expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
      expect(refused.body.error.message).toContain(actionId);

      await h.store.agentActions.delete(h.organizationId, agent._id, actionId);
      expect((await h.request('delete', `/v1/calendars/${calendar.id}`)).status).toBe(204);
      expect((await h.request('get', `/v1/calendars/${calendar.id}`)).status).toBe(404);
    });
  });

  describe('suggestions', () => {
    let conversationId: string;
    let accountId: string;
    const base = () => `/v1/conversations/${conversationId}/suggestions`;

    beforeAll(async () => {
      const account = await h.createChannelAccount();
      accountId = account.id;
      h.llm.script({ reply: 'First AI answer' });
      const accepted = await h.inbound(account.id, {
        message_id: 'wamid.s-1',
        from: { id: '34600999001' },
        text: 'Hi',
      });
      expect(accepted.status).toBe(202);
      conversationId = accepted.body.conversation_id;
      await eventually(() => h.hook.sends().some((send) => send.message.text === 'First AI answer'), {
        what: 'the first reply',
      });
    });

    async function suggest(text: string) {
      const agent = await insertAgent({ mode: 'SUGGESTIVE' });
      const id = randomUUID();
      await h.collections.suggestions.insertOne({
        _id: id,
        organizationId: h.organizationId,
        conversationId,
        agentId: agent._id,
        text,
        status: 'pending',
        createdAt: new Date(),
        decidedAt: null,
        sentMessageId: null,
      });
      return id;
    }
    const sendsOf = (text: string) => h.hook.sends().filter((send) => send.message.text === text);
    let turns = 0;
    /** A reply turn through the same workflow: once it is answered, nothing queued before it is still to come. */
    async function laterReplyTurn() {
      const reply = `Later AI answer ${++turns}`;
      h.llm.script({ reply });
      const body = { message_id: `wamid.later-${turns}`, from: { id: '34600999001' }, text: 'Still there?' };
      expect((await h.inbound(accountId, body)).status).toBe(202);
      await eventually(() => sendsOf(reply).length > 0, { what: reply });
    }

    it('approve sends the (edited) text once; a second decision is 409', async () => {
      const id = await suggest('We can ship tomorrow.');
      const pending = await h.request('get', `${base()}?status=pending`, { key: readonlyKey });
      expect(pending.body.map((s: { id: string }) => s.id)).toContain(id);

      const approved = await h.request('post', `${base()}/${id}/approve`, { body: { text: 'We can ship today!' } });
      expect(approved).toMatchObject({
        status: 200,
        body: {
          id,
          conversation_id: conversationId,
          text: 'We can ship today!',
          status: 'approved',
          decided_at: expect.any(String),
          sent_message_id: derivedId(id, 'approved'),
        },
      });
      const [sent] = await eventually(() => sendsOf('We can ship today!').length > 0 && sendsOf('We can ship today!'), {
        what: 'the approved text at the channel hook',
      });
      expect(sent!.message).toMatchObject({ id: approved.body.sent_message_id, author: 'ai' });

      expect(await h.request('post', `${base()}/${id}/approve`, { body: {} })).toMatchObject({
        status: 409,
        body: { error: { code: 'conflict' } },
      });
      expect((await h.request('post', `${base()}/${id}/dismiss`)).status).toBe(409);
      await laterReplyTurn();
      expect(sendsOf('We can ship today!')).toHaveLength(1);
      expect(sendsOf('We can ship tomorrow.')).toHaveLength(0);
      expect((await h.request('get', `${base()}?status=approved`)).body).toContainEqual(approved.body);
    });

    it('concurrent approvals send the (proposed) text once', async () => {
      const id = await suggest('Proposed as is.');
      const answers = await Promise.all([1, 2].map(() => h.request('post', `${base()}/${id}/approve`, { body: {} })));
      // On MongoDB the conditional update lets exactly one win (the other is 409). FerretDB 1.24 (the
      // local stack) updates without a lock, so both may answer 200: the message id derived from the
      // suggestion still makes the workflow send it once.
      expect(answers.map((answer) => answer.status)).toContain(200);
      for (const answer of answers) expect([200, 409]).toContain(answer.status);
      await eventually(() => sendsOf('Proposed as is.').length > 0, { what: 'the approved text' });
      await laterReplyTurn();
      expect(sendsOf('Proposed as is.')).toHaveLength(1);
    });

    it('dismiss: never sent, and no longer pending', async () => {
      const id = await suggest('Better not.');
      const dismissed = await h.request('post', `${base()}/${id}/dismiss`);
      expect(dismissed).toMatchObject({ status: 200, body: { id, status: 'dismissed', sent_message_id: null } });
      expect((await h.request('post', `${base()}/${id}/approve`, { body: {} })).status).toBe(409);
      expect((await h.request('get', `${base()}?status=dismissed`)).body.map((s: { id: string }) => s.id)).toContain(
        id,
      );
      expect((await h.request('get', `${base()}?status=pending`)).body.map((s: { id: string }) => s.id)).not.toContain(
        id,
      );
      expect(sendsOf('Better not.')).toHaveLength(0);
    });

    it('is scoped to the organization and the conversation, and to conversations.write for decisions', async () => {
      const id = await suggest('Scoped.');
      expect((await h.request('get', base(), { key: otherKey })).status).toBe(404);
      expect((await h.request('post', `${base()}/${id}/approve`, { key: otherKey, body: {} })).status).toBe(404);
      expect((await h.request('post', `/v1/conversations/${randomUUID()}/suggestions/${id}/dismiss`)).status).toBe(404);
      expect((await h.request('post', `${base()}/${randomUUID()}/dismiss`)).status).toBe(404);
      expect((await h.request('post', `${base()}/${id}/dismiss`, { key: readonlyKey })).status).toBe(403);
      expect((await h.request('get', `${base()}?status=maybe`)).status).toBe(400);
      expect((await h.request('post', `${base()}/${id}/approve`, { body: { text: '' } })).status).toBe(400);
    });
  });

  describe('time zones', () => {
    it('contacts: an IANA zone is stored in its canonical spelling; anything else is 400', async () => {
      const account = await h.createChannelAccount('Time zones');
      const accepted = await h.inbound(account.id, {
        message_id: 'wamid.tz-1',
        from: { id: '34600999002' },
        text: 'Hola',
      });
      const contact = `/v1/contacts/${accepted.body.contact_id}`;
      expect((await h.request('get', contact)).body.timezone).toBeNull();

      expect(await h.request('patch', contact, { body: { timezone: 'europe/madrid' } })).toMatchObject({
        status: 200,
        body: { timezone: 'Europe/Madrid', blocked: false },
      });
      for (const timezone of ['Mars/Olympus_Mons', '+02:00', '', 42]) {
        expect((await h.request('patch', contact, { body: { timezone } })).status, String(timezone)).toBe(400);
      }
      expect((await h.request('patch', contact, { body: {} })).status).toBe(400);
      expect((await h.request('patch', contact, { body: { blocked: true } })).body).toMatchObject({
        blocked: true,
        timezone: 'Europe/Madrid',
      });
      expect((await h.request('patch', contact, { body: { timezone: null } })).body.timezone).toBeNull();
    });

    it('channel accounts: UTC unless set at creation or by PATCH', async () => {
      const defaulted = await h.request('post', '/v1/accounts', {
        body: { name: 'Default zone', type: 'sms', outbound_hook_url: h.hook.url },
      });
      expect(defaulted.body.timezone).toBe('UTC');
      const zoned = await h.request('post', '/v1/accounts', {
        body: { name: 'NY', type: 'sms', outbound_hook_url: h.hook.url, timezone: 'America/New_York' },
      });
      expect(zoned.body.timezone).toBe('America/New_York');
      const refused = await h.request('post', '/v1/accounts', {
        body: { name: 'Bad', type: 'sms', outbound_hook_url: h.hook.url, timezone: 'Eastern' },
      });
      expect(refused.status).toBe(400);

      const path = `/v1/accounts/${zoned.body.id}`;
      expect(await h.request('patch', path, { body: { timezone: 'Asia/Tokyo', name: 'Tokyo' } })).toMatchObject({
        status: 200,
        body: { id: zoned.body.id, name: 'Tokyo', timezone: 'Asia/Tokyo' },
      });
      expect((await h.request('get', path)).body.timezone).toBe('Asia/Tokyo');
      expect((await h.request('patch', path, { body: { timezone: 'Nowhere/City' } })).status).toBe(400);
      expect((await h.request('patch', path, { key: otherKey, body: { timezone: 'UTC' } })).status).toBe(404);
    });
  });

  describe('how replies are typed (split_messages, typing_ms_per_character)', () => {
    /** The accounts surface's validation error, naming the field. */
    const invalid = (field: string) => ({
      status: 400,
      body: {
        error: expect.objectContaining({
          code: 'validation_error',
          details: expect.arrayContaining([expect.objectContaining({ path: field })]),
        }),
      },
    });

    it('channel accounts: not split and the service’s pace unless set; bounds checked on create and PATCH', async () => {
      const created = await h.request('post', '/v1/accounts', {
        body: { name: 'Typing defaults', type: 'sms', outbound_hook_url: h.hook.url },
      });
      expect(created.body).toMatchObject({ split_messages: false, typing_ms_per_character: null });
      const set = await h.request('post', '/v1/accounts', {
        body: {
          name: 'Typing set',
          type: 'sms',
          outbound_hook_url: h.hook.url,
          split_messages: true,
          typing_ms_per_character: 45,
        },
      });
      expect(set).toMatchObject({ status: 201, body: { split_messages: true, typing_ms_per_character: 45 } });

      const path = `/v1/accounts/${created.body.id}`;
      const patch = (body: Record<string, unknown>) => h.request('patch', path, { body });
      expect(await patch({ typing_ms_per_character: 1000 })).toMatchObject({
        status: 200,
        body: { split_messages: false, typing_ms_per_character: 1000 },
      });
      expect(await patch({ split_messages: true })).toMatchObject({
        status: 200,
        body: { split_messages: true, typing_ms_per_character: 1000 },
      });
      for (const value of [1001, -1, 12.5, '30']) {
        expect(await patch({ typing_ms_per_character: value }), String(value)).toMatchObject(
          invalid('typing_ms_per_character'),
        );
      }
      expect(await patch({ split_messages: 'yes' })).toMatchObject(invalid('split_messages'));
      const refused = await h.request('post', '/v1/accounts', {
        body: { name: 'Too slow', type: 'sms', outbound_hook_url: h.hook.url, typing_ms_per_character: 5000 },
      });
      expect(refused).toMatchObject(invalid('typing_ms_per_character'));
      // null goes back to the service's pace; nothing refused was stored.
      expect(await patch({ typing_ms_per_character: null })).toMatchObject({
        status: 200,
        body: { split_messages: true, typing_ms_per_character: null },
      });
      expect((await h.request('get', path)).body).toMatchObject({
        split_messages: true,
        typing_ms_per_character: null,
      });
      expect((await h.request('patch', path, { key: otherKey, body: { split_messages: false } })).status).toBe(404);
    });

    it('are documented in the OpenAPI document, for accounts and agents', async () => {
      const { body: document } = await h.request('get', '/openapi.json');
      const schemas = document.components.schemas;
      for (const name of ['CreateHookChannelAccount', 'UpdateChannelAccount', 'ChannelAccount']) {
        expect(Object.keys(schemas[name].properties), name).toEqual(
          expect.arrayContaining(['split_messages', 'typing_ms_per_character']),
        );
      }
      expect(schemas.UpdateChannelAccount.properties.typing_ms_per_character).toMatchObject({
        minimum: 0,
        maximum: 1000,
      });
      for (const name of ['CreateEmployeeDto', 'UpdateEmployeeDto', 'EmployeeResponseDTO']) {
        expect(Object.keys(schemas[name].properties), name).toEqual(
          expect.arrayContaining(['splitMessages', 'typingMsPerCharacter']),
        );
      }
      expect(schemas.CreateEmployeeDto.properties.typingMsPerCharacter.description).toMatch(/channel account/);
    });
  });
});
