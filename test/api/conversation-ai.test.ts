import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/domain/model.js';
import { createOrganization } from '../../src/usecases/api-keys.js';
import type { RequestOptions } from '../support/api-client.js';
import { startHarness, type Harness } from '../support/harness.js';

const VERSION = '2021-04-15';

/** Seed 004's `/conversation-ai/*` surface through the HTTP API on the real stack. */
describe('Conversation AI agents (seed 004)', () => {
  let h: Harness;
  let keys: { readonly: string; write: string; conversations: string };
  let otherOrganization: { organizationId: string; key: string };

  beforeAll(async () => {
    h = await startHarness();
    const issue = async (scopes: string[]) => {
      const issued = await h.request('post', '/v1/api-keys', { body: { name: scopes.join(' '), scopes } });
      expect(issued.status).toBe(201);
      return issued.body.key as string;
    };
    keys = {
      readonly: await issue(['conversation-ai.readonly']),
      write: await issue(['conversation-ai.write']),
      conversations: await issue(['conversations.write']),
    };
    const other = await createOrganization(h.collections, { name: 'Other org' });
    otherOrganization = { organizationId: other.organizationId, key: other.adminKey.key };
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A request to this surface: the admin key and the `Version` header unless told otherwise. */
  async function ai(method: string, path: string, options: RequestOptions & { version?: string | null } = {}) {
    const { version = VERSION, ...request } = options;
    const { status, body } = await h.request(method, `/conversation-ai${path}`, {
      ...request,
      headers: version ? { version } : {},
    });
    return { status, body };
  }

  let sequence = 0;
  const agentBody = (extra: Record<string, unknown> = {}) => ({
    name: `Agent ${++sequence}`,
    personality: 'Warm and brief',
    goal: 'Book a demo',
    instructions: 'Answer questions about the product.',
    isPrimary: false,
    ...extra,
  });
  async function createAgent(extra: Record<string, unknown> = {}, key?: string) {
    const created = await ai('post', '/agents', { body: agentBody(extra), key });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  }
  const unprocessable = (...messages: string[]) => ({
    statusCode: 422,
    message: expect.arrayContaining(messages.map((message) => expect.stringContaining(message))),
    error: 'Unprocessable Entity',
  });

  describe('agents', () => {
    it('creates an agent with defaults; vendor spellings are accepted and answered in the seed’s', async () => {
      const organization = await createOrganization(h.collections, { name: 'Fresh org' });
      const key = organization.adminKey.key;
      const first = await createAgent({ isPrimary: undefined, mode: 'auto-pilot', waitTimeUnit: 'minutes' }, key);
      expect(first).toEqual({
        id: expect.any(String),
        name: expect.stringMatching(/^Agent /),
        businessName: null,
        mode: 'AUTO_PILOT',
        channels: [],
        isPrimary: true,
        waitTime: 0,
        waitTimeUnit: 'MINUTES',
        sleepEnabled: false,
        sleepTime: null,
        sleepTimeUnit: null,
        personality: 'Warm and brief',
        goal: 'Book a demo',
        instructions: 'Answer questions about the product.',
        autoPilotMaxMessages: 25,
        knowledgeBaseIds: [],
        respondToImages: false,
        respondToAudio: false,
        sleepOnManualMessage: false,
        sleepOnWorkflowMessage: false,
        splitMessages: null,
        typingMsPerCharacter: null,
        actions: [],
        createdAt: expect.any(String),
        updatedAt: first.createdAt,
      });
      // Only the organization's first agent is primary by default.
      const second = await createAgent({ isPrimary: undefined }, key);
      expect(second.isPrimary).toBe(false);
      expect((await ai('get', `/agents/${first.id}`, { key })).body).toEqual(first);
    });

    const bounds: [string, Record<string, unknown>, string | null][] = [
      ['300 seconds of wait', { waitTime: 300, waitTimeUnit: 'SECONDS' }, null],
      [
        '301 seconds of wait',
        { waitTime: 301, waitTimeUnit: 'SECONDS' },
        'waitTime must not be greater than 300 seconds',
      ],
      ['5 minutes of wait', { waitTime: 5, waitTimeUnit: 'MINUTES' }, null],
      ['6 minutes of wait', { waitTime: 6, waitTimeUnit: 'MINUTES' }, 'waitTime must not be greater than 5 minutes'],
      ['48 hours of sleep', { sleepEnabled: true, sleepTime: 48, sleepTimeUnit: 'HOURS' }, null],
      [
        '49 hours of sleep',
        { sleepEnabled: true, sleepTime: 49, sleepTimeUnit: 'HOURS' },
        'sleepTime must not be greater than 48 hours',
      ],
      ['2880 minutes of sleep', { sleepEnabled: true, sleepTime: 2880, sleepTimeUnit: 'MINUTES' }, null],
      [
        '2881 minutes of sleep',
        { sleepTime: 2881, sleepTimeUnit: 'minutes' },
        'sleepTime must not be greater than 2880 minutes',
      ],
      ['172800 seconds of sleep', { sleepEnabled: true, sleepTime: 172_800, sleepTimeUnit: 'SECONDS' }, null],
      [
        '172801 seconds of sleep',
        { sleepTime: 172_801, sleepTimeUnit: 'SECONDS' },
        'sleepTime must not be greater than 172800 seconds',
      ],
      ['an indefinite sleep', { sleepEnabled: true, sleepTime: null, sleepTimeUnit: null }, null],
      ['sleep without its duration', { sleepEnabled: true }, 'sleepTime sleepTime and sleepTimeUnit are required'],
      [
        'a sleep time without unit',
        { sleepTime: 5, sleepTimeUnit: null },
        'sleepTimeUnit sleepTime and sleepTimeUnit are both null',
      ],
      ['0 auto-pilot messages', { autoPilotMaxMessages: 0 }, 'autoPilotMaxMessages'],
      ['1 auto-pilot message', { autoPilotMaxMessages: 1 }, null],
      ['100 auto-pilot messages', { autoPilotMaxMessages: 100 }, null],
      ['101 auto-pilot messages', { autoPilotMaxMessages: 101 }, 'autoPilotMaxMessages'],
      ['split messages typed at 0 ms per character', { splitMessages: true, typingMsPerCharacter: 0 }, null],
      ['1000 ms per character of typing', { typingMsPerCharacter: 1000 }, null],
      ['1001 ms per character of typing', { typingMsPerCharacter: 1001 }, 'typingMsPerCharacter'],
      ['negative typing', { typingMsPerCharacter: -1 }, 'typingMsPerCharacter'],
      ['fractional typing', { typingMsPerCharacter: 2.5 }, 'typingMsPerCharacter'],
      ['a split_messages that is not a boolean', { splitMessages: 'yes' }, 'splitMessages'],
    ];
    it.each(bounds)('create with %s', async (_case, fields, problem) => {
      const created = await ai('post', '/agents', { body: agentBody(fields) });
      if (problem === null) {
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const upperCased = Object.entries(fields).map(([name, value]) => [
          name,
          typeof value === 'string' ? value.toUpperCase() : value,
        ]);
        expect(created.body).toMatchObject(Object.fromEntries(upperCased));
      } else {
        expect(created).toEqual({ status: 422, body: unprocessable(problem) });
      }
    });

    it('update: the bounds hold on the agent the change produces; mode is required to become primary', async () => {
      const agent = await createAgent({ waitTime: 300, waitTimeUnit: 'SECONDS' });
      const put = (body: Record<string, unknown>) =>
        ai('put', `/agents/${agent.id}`, { body: { autoPilotMaxMessages: 10, ...body } });

      expect(await put({ waitTimeUnit: 'MINUTES' })).toEqual({
        status: 422,
        body: unprocessable('waitTime must not be greater than 5 minutes'),
      });
      expect(await put({})).toMatchObject({ status: 200, body: { autoPilotMaxMessages: 10 } });
      expect(await put({ autoPilotMaxMessages: 101 })).toMatchObject({ status: 422 });
      expect(await put({ autoPilotMaxMessages: undefined })).toEqual({
        status: 422,
        body: unprocessable('autoPilotMaxMessages'),
      });
      // Sleep enabled with the stored (null) duration: an indefinite sleep.
      expect(await put({ sleepEnabled: true })).toMatchObject({
        status: 200,
        body: { sleepEnabled: true, sleepTime: null, sleepTimeUnit: null },
      });
      const updated = await put({
        sleepTime: 2,
        sleepTimeUnit: 'hours',
        name: 'Renamed',
        waitTime: 4,
        waitTimeUnit: 'minutes',
      });
      expect(updated).toMatchObject({
        status: 200,
        body: { name: 'Renamed', sleepTime: 2, sleepTimeUnit: 'HOURS', waitTime: 4, waitTimeUnit: 'MINUTES' },
      });
      expect(Date.parse(updated.body.updatedAt)).toBeGreaterThan(Date.parse(agent.updatedAt));
      expect(await put({ isPrimary: true })).toEqual({ status: 422, body: unprocessable('mode is required') });
    });

    it('one primary agent per channel: a conflict names the other agent', async () => {
      const organization = await createOrganization(h.collections, { name: 'Primary org' });
      const key = organization.adminKey.key;
      const whatsapp = await createAgent({ isPrimary: true, channels: ['WhatsApp'] }, key);
      const conflict = await ai('post', '/agents', {
        key,
        body: agentBody({ isPrimary: true, channels: ['SMS', 'WhatsApp'] }),
      });
      expect(conflict).toEqual({ status: 422, body: unprocessable(whatsapp.id, 'WhatsApp') });

      const sms = await createAgent({ isPrimary: true, channels: ['SMS'] }, key);
      const secondary = await createAgent({ channels: ['WhatsApp'] }, key);
      const promote = await ai('put', `/agents/${secondary.id}`, {
        key,
        body: { autoPilotMaxMessages: 5, isPrimary: true, mode: 'SUGGESTIVE' },
      });
      expect(promote).toEqual({ status: 422, body: unprocessable(whatsapp.id) });
      const widen = await ai('put', `/agents/${sms.id}`, {
        key,
        body: { autoPilotMaxMessages: 5, channels: ['IG', 'WhatsApp'] },
      });
      expect(widen).toEqual({ status: 422, body: unprocessable(whatsapp.id) });

      // Once the WhatsApp agent steps down, the other can take the channel.
      expect(
        (await ai('put', `/agents/${whatsapp.id}`, { key, body: { autoPilotMaxMessages: 5, isPrimary: false } }))
          .status,
      ).toBe(200);
      expect(
        await ai('put', `/agents/${secondary.id}`, {
          key,
          body: { autoPilotMaxMessages: 5, isPrimary: true, mode: 'AUTO_PILOT' },
        }),
      ).toMatchObject({
        status: 200,
        body: { isPrimary: true, mode: 'AUTO_PILOT' },
      });
    });

    it('knowledge bases must be the organization’s', async () => {
      const knowledgeBaseId = randomUUID();
      const foreignId = randomUUID();
      await h.collections.knowledgeBases.insertMany([
        { _id: knowledgeBaseId, organizationId: h.organizationId, name: 'FAQ', chunkCount: 0, createdAt: new Date() },
        {
          _id: foreignId,
          organizationId: otherOrganization.organizationId,
          name: 'FAQ',
          chunkCount: 0,
          createdAt: new Date(),
        },
      ]);
      expect(await createAgent({ knowledgeBaseIds: [knowledgeBaseId] })).toMatchObject({
        knowledgeBaseIds: [knowledgeBaseId],
      });
      const refused = await ai('post', '/agents', {
        body: agentBody({ knowledgeBaseIds: [knowledgeBaseId, foreignId] }),
      });
      expect(refused).toEqual({
        status: 422,
        body: unprocessable(`knowledgeBaseIds contains unknown knowledge bases: ${foreignId}`),
      });
    });

    it('search pages through a stable order with startAfter and limit, and filters by a lowercase name part', async () => {
      const organization = await createOrganization(h.collections, { name: 'Search org' });
      const key = organization.adminKey.key;
      const names = ['Sales Ana', 'Support Bea', 'Sales Carl', 'Billing Dan', 'SALES Eve'];
      const created: string[] = [];
      for (const name of names) created.push((await createAgent({ name }, key)).id);

      const seen: string[] = [];
      let startAfter = '';
      for (;;) {
        const page = await ai('get', `/agents/search?limit=2&startAfter=${startAfter}`, { key });
        expect(page.status).toBe(200);
        expect(page.body.totalCount).toBe(names.length);
        expect(page.body.count).toBe(page.body.agents.length);
        if (page.body.count === 0) break;
        seen.push(...page.body.agents.map((agent: { id: string }) => agent.id));
        startAfter = seen.at(-1)!;
      }
      expect(seen).toEqual(created);

      const sales = await ai('get', '/agents/search?query=sales', { key });
      expect(sales.body.agents.map((agent: { name: string }) => agent.name)).toEqual([
        'Sales Ana',
        'Sales Carl',
        'SALES Eve',
      ]);
      expect(sales.body).toMatchObject({ count: 3, totalCount: names.length });
      const defaultPage = await ai('get', '/agents/search', { key });
      expect(defaultPage.body.count).toBe(names.length);

      for (const query of ['query=Sales', 'limit=0', 'limit=101', 'limit=ten', `startAfter=${randomUUID()}`]) {
        const refused = await ai('get', `/agents/search?${query}`, { key });
        expect(refused, query).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
      }
      const foreignCursor = await ai('get', `/agents/search?startAfter=${created[0]}`);
      expect(foreignCursor.status).toBe(400);
    });
  });

  describe('the surface', () => {
    it('requires the Version header', async () => {
      for (const version of [null, '2021-07-28']) {
        expect(await ai('get', '/agents/search', { version })).toEqual({
          status: 400,
          body: { statusCode: 400, message: [`Version must be ${VERSION}`], error: 'Bad Request' },
        });
      }
    });

    it('answers 401 without credentials or scope; readonly reads, write reads and writes', async () => {
      expect(await ai('get', '/agents/search', { key: null })).toMatchObject({
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized' },
      });
      expect(await ai('get', '/agents/search', { key: 'cp_not-a-key' })).toMatchObject({ status: 401 });
      expect(await ai('get', '/agents/search', { key: keys.conversations })).toMatchObject({
        status: 401,
        body: { statusCode: 401, message: expect.stringContaining('conversation-ai.readonly'), error: 'Unauthorized' },
      });
      expect((await ai('get', '/agents/search', { key: keys.readonly })).status).toBe(200);
      expect((await ai('post', '/agents', { key: keys.readonly, body: agentBody() })).status).toBe(401);
      const agent = await createAgent({}, keys.write);
      expect((await ai('get', `/agents/${agent.id}`, { key: keys.write })).status).toBe(200);
      expect((await ai('get', `/agents/${agent.id}/actions/list`, { key: keys.readonly })).status).toBe(200);
      expect((await ai('delete', `/agents/${agent.id}`, { key: keys.readonly })).status).toBe(401);
    });

    it('malformed JSON is 400; an invalid body is 422 listing every problem', async () => {
      expect(await ai('post', '/agents', { rawBody: '{"name":' })).toMatchObject({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request' },
      });
      const invalid = await ai('post', '/agents', { body: { name: 'No goal', mode: 'SOMETIMES', extra: 1 } });
      expect(invalid).toEqual({ status: 422, body: unprocessable('personality', 'goal', 'instructions', 'mode') });
    });

    it('another organization’s agents and actions are 404, never data', async () => {
      const agent = await createAgent();
      const stopBot = await ai('post', `/agents/${agent.id}/actions`, { body: validActions().STOP_BOT });
      const key = otherOrganization.key;
      const notFound = { status: 404, body: { statusCode: 404, message: 'Agent not found', error: 'Not Found' } };
      expect(await ai('get', `/agents/${agent.id}`, { key })).toEqual(notFound);
      expect(await ai('put', `/agents/${agent.id}`, { key, body: { autoPilotMaxMessages: 3 } })).toEqual(notFound);
      expect(await ai('delete', `/agents/${agent.id}`, { key })).toEqual(notFound);
      expect(await ai('get', `/agents/${agent.id}/actions/list`, { key })).toEqual(notFound);
      expect(await ai('get', `/agents/${agent.id}/actions/${stopBot.body.data.id}`, { key })).toEqual(notFound);
      expect(await ai('post', `/agents/${agent.id}/actions`, { key, body: validActions().STOP_BOT })).toEqual(notFound);
      expect((await ai('get', '/agents/search', { key })).body.agents).toEqual([]);
      expect(await ai('get', `/agents/${randomUUID()}`)).toEqual(notFound);
      expect(await ai('get', `/agents/${agent.id}/actions/${randomUUID()}`)).toEqual({
        status: 404,
        body: { statusCode: 404, message: 'Action not found', error: 'Not Found' },
      });
    });

    it('is documented with the Version header, scopes and error answers', async () => {
      const document = (await h.request('get', '/openapi.json')).body;
      const operations = Object.entries(document.paths)
        .filter(([path]) => path.startsWith('/conversation-ai/'))
        .flatMap(([, methods]) => Object.values(methods as Record<string, any>));
      expect(operations).toHaveLength(12);
      for (const operation of operations) {
        expect(operation.parameters).toContainEqual(
          expect.objectContaining({ in: 'header', name: 'Version', required: true }),
        );
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '404', '422']));
      }
      expect(document.components.schemas).toHaveProperty('EmployeeResponseDTO');
      expect(document.components.schemas).toHaveProperty('CreateActionDTO');
    });
  });

  /** A valid action of every type, and a typical mistake in each (with the path it is reported at). */
  let calendarId: string;
  let transferTarget: string;
  type ActionBody = { type: string; name: string; details: Record<string, unknown> };
  type ReferencedTypes = 'TRANSFER_BOT' | 'APPOINTMENT_BOOKING' | 'STOP_BOT' | 'ADVANCED_FOLLOWUP';
  const validActions = (): Record<string, ActionBody> & Record<ReferencedTypes, ActionBody> => ({
    TRIGGER_WORKFLOW: {
      type: 'TRIGGER_WORKFLOW',
      name: 'Start onboarding',
      details: { workflowIds: ['wf-1'], triggerCondition: 'The contact signs up' },
    },
    UPDATE_CONTACT_FIELD: {
      type: 'updateContactField',
      name: 'Company size',
      details: {
        contactFieldId: 'company_size',
        description: 'How many employees',
        contactUpdateExamples: ['We are 20'],
      },
    },
    APPOINTMENT_BOOKING: {
      type: 'APPOINTMENT_BOOKING',
      name: 'Book a demo',
      details: {
        calendarId,
        onlySendLink: false,
        triggerWorkflow: false,
        sleepAfterBooking: true,
        sleepTime: 2,
        sleepTimeUnit: 'hours',
        transferBot: true,
        transferAgent: transferTarget,
        rescheduleEnabled: true,
        cancelEnabled: false,
      },
    },
    STOP_BOT: {
      type: 'STOP_BOT',
      name: 'Goodbye',
      details: {
        stopBotDetectionType: 'Goodbye',
        stopBotTriggerCondition: 'The contact says goodbye',
        reactivateEnabled: false,
        enabled: true,
        stopBotExamples: ['bye', 'thanks, that is all'],
        finalMessage: 'Have a nice day!',
      },
    },
    HUMAN_HAND_OVER: {
      type: 'humanHandOver',
      name: 'Ask for a human',
      details: {
        enabled: true,
        triggerCondition: 'The contact asks for a person',
        examples: ['can I talk to someone?'],
        reactivateEnabled: true,
        sleepTime: 1,
        sleepTimeUnit: 'DAYS',
        finalMessage: 'A colleague will reply soon.',
        handoverType: 'contactRequest',
      },
    },
    ADVANCED_FOLLOWUP: {
      type: 'ADVANCED_FOLLOWUP',
      name: 'Nudge',
      details: {
        enabled: true,
        scenarioId: 'contactStoppedReplying',
        followupSequence: [{ id: 1, followupTimeUnit: 'hours', followupTime: 24, aiEnabledMessage: true }],
      },
    },
    TRANSFER_BOT: {
      type: 'TRANSFER_BOT',
      name: 'To billing',
      details: { transferBotType: 'Default', transferToBot: transferTarget, enabled: true },
    },
  });
  const invalidActions: [string, (valid: Record<string, unknown>) => Record<string, unknown>, string][] = [
    ['TRIGGER_WORKFLOW', (d) => ({ ...d, workflowIds: [] }), 'details.workflowIds'],
    ['UPDATE_CONTACT_FIELD', ({ contactFieldId: _, ...d }) => d, 'details.contactFieldId'],
    [
      'APPOINTMENT_BOOKING',
      (d) => ({ ...d, onlySendLink: true }),
      'details.sleepAfterBooking cannot be true when onlySendLink is true',
    ],
    ['STOP_BOT', (d) => ({ ...d, stopBotExamples: ['bye'] }), 'details.stopBotExamples'],
    ['HUMAN_HAND_OVER', ({ sleepTime: _, ...d }) => d, 'details.sleepTime sleepTime and sleepTimeUnit are required'],
    [
      'ADVANCED_FOLLOWUP',
      (d) => ({
        ...d,
        followupSequence: [{ id: 1, followupTimeUnit: 'MINUTES', followupTime: 61, aiEnabledMessage: true }],
      }),
      'details.followupSequence.0.followupTime must not be greater than 60 minutes',
    ],
    ['TRANSFER_BOT', (d) => ({ ...d, transferBotType: 'Custom' }), 'details.transferBotTriggerCondition'],
  ];

  describe('actions', () => {
    let agent: { id: string };
    beforeAll(async () => {
      agent = await createAgent();
      transferTarget = (await createAgent({ name: 'Billing' })).id;
      calendarId = randomUUID();
      await h.collections.calendars.insertOne({
        _id: calendarId,
        organizationId: h.organizationId,
        name: 'Demos',
        bookingUrl: 'https://calendar.example.com/book',
        bookingPageUrl: null,
        createdAt: new Date(),
      });
    });

    it.each(Object.keys(validActions()))('%s: attached, read, listed, updated and removed', async (type) => {
      const action = validActions()[type]!;
      const created = await ai('post', `/agents/${agent.id}/actions`, { body: action });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toEqual({
        success: true,
        data: { id: expect.any(String), name: action.name, type, agentId: agent.id, details: expect.any(Object) },
      });
      const { id } = created.body.data;
      expect((await ai('get', `/agents/${agent.id}/actions/${id}`)).body).toEqual(created.body);
      expect((await ai('get', `/agents/${agent.id}/actions/list`)).body.data).toContainEqual(created.body.data);
      expect((await ai('get', `/agents/${agent.id}`)).body.actions).toContainEqual({ id, type });

      const renamed = await ai('put', `/agents/${agent.id}/actions/${id}`, { body: { ...action, name: 'Renamed' } });
      expect(renamed).toEqual({
        status: 200,
        body: { success: true, data: { ...created.body.data, name: 'Renamed' } },
      });

      expect(await ai('delete', `/agents/${agent.id}/actions/${id}`)).toEqual({
        status: 200,
        body: { data: { id }, success: true },
      });
      expect((await ai('get', `/agents/${agent.id}/actions/${id}`)).status).toBe(404);
    });

    it.each(invalidActions)('%s with a typical mistake is 422 naming the field', async (type, spoil, problem) => {
      const action = validActions()[type]!;
      const refused = await ai('post', `/agents/${agent.id}/actions`, {
        body: { ...action, details: spoil(action.details) },
      });
      expect(refused).toEqual({ status: 422, body: unprocessable(problem) });
    });

    it('refuses an unknown type, and references outside the organization', async () => {
      const { TRANSFER_BOT, APPOINTMENT_BOOKING } = validActions();
      expect(await ai('post', `/agents/${agent.id}/actions`, { body: { ...TRANSFER_BOT, type: 'SEND_FAX' } })).toEqual({
        status: 422,
        body: unprocessable('type'),
      });
      for (const transferToBot of [agent.id, randomUUID()]) {
        const refused = await ai('post', `/agents/${agent.id}/actions`, {
          body: { ...TRANSFER_BOT, details: { ...TRANSFER_BOT.details, transferToBot } },
        });
        expect(refused).toEqual({
          status: 422,
          body: unprocessable('details.transferToBot must be another agent of this organization'),
        });
      }
      const foreignCalendar = await ai('post', `/agents/${agent.id}/actions`, {
        body: { ...APPOINTMENT_BOOKING, details: { ...APPOINTMENT_BOOKING.details, calendarId: randomUUID() } },
      });
      expect(foreignCalendar).toEqual({
        status: 422,
        body: unprocessable('details.calendarId is not a calendar of this organization'),
      });
    });

    it('follow-up settings go on every listed ADVANCED_FOLLOWUP action of the agent, or on none', async () => {
      const { ADVANCED_FOLLOWUP, STOP_BOT } = validActions();
      const attach = async (action: unknown) =>
        (await ai('post', `/agents/${agent.id}/actions`, { body: action })).body.data.id as string;
      const first = await attach(ADVANCED_FOLLOWUP);
      const second = await attach({ ...ADVANCED_FOLLOWUP, name: 'Second nudge' });
      const stop = await attach(STOP_BOT);
      const followupSettings = {
        dynamicChannelSwitching: true,
        followUpHours: true,
        workingHours: [{ dayOfTheWeek: 1, intervals: [{ startHour: 9, startMinute: 0, endHour: 17, endMinute: 30 }] }],
        timezoneToUse: 'contact',
      };
      const patch = (actionIds: string[], settings: unknown = followupSettings) =>
        ai('patch', `/agents/${agent.id}/followup-settings`, { body: { actionIds, followupSettings: settings } });

      const refused = await patch([first, stop]);
      expect(refused).toEqual({ status: 422, body: unprocessable(stop) });
      expect((await ai('get', `/agents/${agent.id}/actions/${first}`)).body.data.details).not.toHaveProperty(
        'followupSettings',
      );

      const updated = await patch([second, first]);
      expect(updated).toMatchObject({ status: 200, body: { success: true, data: { id: second } } });
      for (const id of [first, second]) {
        const read = await ai('get', `/agents/${agent.id}/actions/${id}`);
        expect(read.body.data.details.followupSettings).toEqual(followupSettings);
      }
      expect((await patch([first], { ...followupSettings, timezoneToUse: 'Europe/Madrid' })).status).toBe(422);
      expect((await patch([first], { ...followupSettings, workingHours: [{ dayOfTheWeek: 7 }] })).status).toBe(422);
      expect((await patch([randomUUID()])).status).toBe(422);
    });
  });

  it('deleting an agent removes its actions and lets go of every reference to it', async () => {
    const doomed = await createAgent({ name: 'Doomed' });
    const survivor = await createAgent({ name: 'Survivor' });
    const { STOP_BOT, TRANSFER_BOT } = validActions();
    const ownAction = (await ai('post', `/agents/${doomed.id}/actions`, { body: STOP_BOT })).body.data.id;
    const transfer = await ai('post', `/agents/${survivor.id}/actions`, {
      body: { ...TRANSFER_BOT, details: { ...TRANSFER_BOT.details, transferToBot: doomed.id } },
    });
    const conversation: Conversation = {
      _id: randomUUID(),
      organizationId: h.organizationId,
      number: 900_001,
      channelAccountId: randomUUID(),
      contactId: randomUUID(),
      chatId: 'chat-doomed',
      chatType: 'private',
      status: 'open',
      aiEnabled: true,
      aiAgentActive: true,
      agentId: doomed.id,
      createdAt: new Date(),
      lastMessageAt: new Date(),
    };
    await h.collections.conversations.insertOne(conversation);

    expect(await ai('delete', `/agents/${doomed.id}`)).toEqual({ status: 200, body: { success: true, id: doomed.id } });
    expect((await ai('get', `/agents/${doomed.id}`)).status).toBe(404);
    expect(await h.collections.agentActions.findOne({ _id: ownAction })).toBeNull();
    expect((await h.collections.conversations.findOne({ _id: conversation._id }))?.agentId).toBeNull();
    const disabled = await ai('get', `/agents/${survivor.id}/actions/${transfer.body.data.id}`);
    expect(disabled.body.data.details).toMatchObject({ enabled: false });
    expect((await ai('delete', `/agents/${doomed.id}`)).status).toBe(404);
  });

  describe('generations', () => {
    async function logGeneration(fields: Record<string, unknown> = {}) {
      const conversationId = randomUUID();
      const trigger = {
        _id: randomUUID(),
        organizationId: h.organizationId,
        conversationId,
        channelAccountId: randomUUID(),
        direction: 'inbound' as const,
        author: 'contact' as const,
        kind: 'text' as const,
        text: 'Do you ship to Madrid?',
        channelMessageId: 'wamid.gen',
        deliveryStatus: 'received' as const,
        createdAt: new Date(),
        sentAt: null,
      };
      await h.collections.messages.insertOne(trigger);
      const replyMessageId = randomUUID();
      await h.collections.aiLogs.insertOne({
        _id: replyMessageId,
        organizationId: h.organizationId,
        origin: 'conversation',
        conversationId,
        replyMessageId,
        triggerMessageIds: [trigger._id],
        outcome: 'generated',
        reason: null,
        model: 'scripted-model',
        baseUrl: 'http://llm.invalid',
        prompt: [
          { role: 'system', content: 'You are Ana, an assistant.' },
          { role: 'assistant', content: 'Hi! How can I help?' },
          { role: 'user', content: 'Do you ship to Madrid?' },
        ],
        reply: 'Yes, in 2 days.',
        usage: null,
        latencyMs: 120,
        replyDelaySeconds: 0,
        typingMs: 0,
        createdAt: new Date(),
        ...fields,
      });
      return replyMessageId;
    }

    it('explains a conversation reply and a workflow follow-up, only under their source', async () => {
      const agent = await createAgent({ goal: 'Sell shipping plans' });
      const knowledgeChunks = [{ knowledgeBaseId: 'kb', chunkId: 'kb:0', text: 'We ship to Spain.', score: 0.9 }];
      const actionLogs = [
        {
          toolCallId: 'call-1',
          actionId: 'action-1',
          actionType: 'STOP_BOT',
          actionName: 'Goodbye',
          arguments: {},
          status: 'succeeded',
          result: 'stopped',
          at: new Date(),
        },
      ];
      const legacy = await logGeneration();
      const reply = await logGeneration({ agentId: agent.id, agentMode: 'AUTO_PILOT', knowledgeChunks, actionLogs });
      const followUp = await logGeneration({ source: 'workflow', agentId: agent.id, agentMode: 'SUGGESTIVE' });

      const explained = await ai('get', `/generations?messageId=${reply}&source=conversation`);
      expect(explained).toEqual({
        status: 200,
        body: {
          prompt: 'You are Ana, an assistant.',
          history: [
            { role: 'assistant', content: 'Hi! How can I help?' },
            { role: 'user', content: 'Do you ship to Madrid?' },
          ],
          responseMessage: 'Yes, in 2 days.',
          input: 'Do you ship to Madrid?',
          intent: 'Sell shipping plans',
          agentId: agent.id,
          mode: 'AUTO_PILOT',
          actionLogs: [{ ...actionLogs[0], at: actionLogs[0]!.at.toISOString() }],
          knowledgeBaseChunks: knowledgeChunks,
          faqs: [],
          website: [],
        },
      });
      expect(await ai('get', `/generations?messageId=${legacy}&source=conversation`)).toMatchObject({
        status: 200,
        body: { agentId: null, mode: null, intent: null, actionLogs: [], knowledgeBaseChunks: [] },
      });
      expect(await ai('get', `/generations?messageId=${followUp}&source=workflow`)).toMatchObject({
        status: 200,
        body: { agentId: agent.id, mode: 'SUGGESTIVE', intent: 'Sell shipping plans' },
      });

      const notFound = { status: 404, body: { statusCode: 404, message: 'Generation not found', error: 'Not Found' } };
      expect(await ai('get', `/generations?messageId=${followUp}&source=conversation`)).toEqual(notFound);
      expect(await ai('get', `/generations?messageId=${reply}&source=workflow`)).toEqual(notFound);
      expect(
        await ai('get', `/generations?messageId=${reply}&source=conversation`, { key: otherOrganization.key }),
      ).toEqual(notFound);
      expect((await ai('get', `/generations?messageId=${reply}&source=email`)).status).toBe(400);
      expect((await ai('get', `/generations?source=conversation`)).status).toBe(400);

      await ai('delete', `/agents/${agent.id}`);
      expect((await ai('get', `/generations?messageId=${reply}&source=conversation`)).body).toMatchObject({
        agentId: agent.id,
        intent: null,
      });
    });
  });
});
