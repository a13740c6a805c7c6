import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';

/**
 * The worker keeps an organization's configuration while its configuration version holds
 * (activities/kept-configuration.ts). Model-based: random changes through the API, each followed by
 * a turn, checked against a reference model of what is in force. A change that did not move the
 * version would leave the worker answering with what it kept: the wrong prompt, a blocked contact
 * answered, an event started for nobody or missed. `FUZZ_SEED` / `KEPT_CONFIGURATION_STEPS` vary it.
 */
describe('the configuration a worker keeps, against a model of the changes', () => {
  let h: Harness;
  let webhooks: Awaited<ReturnType<typeof startRecordingServer>>;
  let jwt: string;
  let account: { id: string };

  beforeAll(async () => {
    h = await startHarness();
    webhooks = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    jwt = await h.adminJwt();
    account = await h.createChannelAccount('Kept configuration');
  });
  afterAll(async () => {
    await h?.close();
    await webhooks?.close();
  });

  /** What is in force, as the model sees it. */
  interface Model {
    globalPrompt: string | null;
    accountPrompt: string | null;
    chatPrompt: string | null;
    agent: { id: string; instructions: string } | null;
    blocked: boolean;
    subscriptionId: string | null;
  }
  const ENVIRONMENT_PROMPT = 'You are the test assistant.';
  const CHAT = '34600900001';

  /** A small seeded generator (mulberry32): a failing run is replayed with its seed. */
  function random(seed: number) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const ok = async (response: Promise<{ status: number; body: any }>, status = 200) => {
    const { status: got, body } = await response;
    expect(got, JSON.stringify(body)).toBe(status);
    return body;
  };
  const agents = (method: string, path: string, body?: unknown) =>
    h.request(method, `/conversation-ai/agents${path}`, { body, headers: { version: '2021-04-15' } });

  /** Each change: whether it applies in this state, and what it does through the API and to the model. */
  const changes: Record<string, { applies: (m: Model) => boolean; run: (m: Model, n: number) => Promise<void> }> = {
    'global prompt': {
      applies: () => true,
      run: async (m, n) => {
        m.globalPrompt = n % 3 === 0 ? null : `Global prompt ${n}.`;
        await ok(h.request('put', '/v1/ai/global', { bearer: jwt, body: { default_system_prompt: m.globalPrompt } }));
      },
    },
    'account prompt': {
      applies: () => true,
      run: async (m, n) => {
        m.accountPrompt = n % 3 === 0 ? null : `Account prompt ${n}.`;
        const body = { default_system_prompt: m.accountPrompt };
        await ok(h.request('put', `/v1/accounts/${account.id}/ai`, { bearer: jwt, body }));
      },
    },
    'chat prompt': {
      applies: () => true,
      run: async (m, n) => {
        m.chatPrompt = n % 3 === 0 ? null : `Chat prompt ${n}.`;
        const body = { mode: 'inherit', custom_system_prompt: m.chatPrompt };
        await ok(h.request('put', `/v1/accounts/${account.id}/chats/${CHAT}/ai`, { bearer: jwt, body }));
      },
    },
    'primary agent created': {
      applies: (m) => m.agent === null,
      run: async (m, n) => {
        const instructions = `Instructions ${n}.`;
        const created = await ok(
          agents('post', '', {
            name: `Agent ${n}`,
            personality: 'Brief',
            goal: 'Help',
            instructions,
            isPrimary: true,
            channels: ['WhatsApp'],
            mode: 'AUTO_PILOT',
            autoPilotMaxMessages: 100,
          }),
          201,
        );
        m.agent = { id: created.id, instructions };
      },
    },
    'agent changed': {
      applies: (m) => m.agent !== null,
      run: async (m, n) => {
        const instructions = `Instructions ${n}.`;
        await ok(agents('put', `/${m.agent!.id}`, { instructions, autoPilotMaxMessages: 100 }));
        m.agent = { ...m.agent!, instructions };
      },
    },
    'agent deleted': {
      applies: (m) => m.agent !== null,
      run: async (m) => {
        await ok(agents('delete', `/${m.agent!.id}`));
        m.agent = null;
      },
    },
    'contact blocked': {
      applies: (m) => !m.blocked,
      run: async (m) => {
        m.blocked = true;
        await ok(h.request('patch', `/v1/contacts/${contactId}`, { body: { blocked: true } }));
      },
    },
    'contact unblocked': {
      applies: (m) => m.blocked,
      run: async (m) => {
        m.blocked = false;
        await ok(h.request('patch', `/v1/contacts/${contactId}`, { body: { blocked: false } }));
      },
    },
    'subscribed or unsubscribed': {
      applies: () => true,
      run: async (m) => {
        if (m.subscriptionId) {
          await ok(h.request('delete', `/v1/accounts/${account.id}/webhooks/${m.subscriptionId}`), 204);
          m.subscriptionId = null;
          return;
        }
        const body = { url: webhooks.url, events: ['ai.reply.sent'] };
        m.subscriptionId = (await ok(h.request('post', `/v1/accounts/${account.id}/webhooks`, { body }), 201)).id;
      },
    },
  };

  let sequence = 0;
  let contactId = '';

  /** One inbound message and its turn's AI log. */
  async function turn() {
    const accepted = await h.inbound(account.id, {
      message_id: `wamid.kept-${++sequence}`,
      from: { id: CHAT },
      text: `Message ${sequence}`,
    });
    expect(accepted.status).toBe(202);
    contactId = accepted.body.contact_id;
    return eventually(() => h.collections.aiLogs.findOne({ triggerMessageIds: accepted.body.message_id }), {
      what: `the AI log of message ${sequence}`,
    });
  }

  const eventWorkflowExists = (replyMessageId: string) =>
    h.api.deps.temporal.workflow
      .getHandle(`webhook-event/${h.organizationId}/${replyMessageId}.ai.reply.sent`)
      .describe()
      .then(
        () => true,
        () => false,
      );

  /** The turn did what the model says: skipped for a blocked contact, else the prompt in force and the event iff subscribed. */
  async function expectTurnAsModelled(model: Model, history: string[]) {
    const llmCalls = h.llm.requests.length;
    const log = await turn();
    const context = `after: ${history.join(' → ')}`;
    if (model.blocked) {
      expect(log, context).toMatchObject({ outcome: 'skipped', reason: 'contact is blocked' });
      expect(h.llm.requests.length, context).toBe(llmCalls);
      return;
    }
    expect(log.outcome, `${context} (${log.reason})`).toBe('generated');
    const systemPrompt = (h.llm.requests.at(-1)!.body as any).messages[0].content as string;
    if (model.agent) expect(systemPrompt, context).toContain(`Instructions: ${model.agent.instructions}`);
    else
      expect(systemPrompt, context).toBe(
        model.chatPrompt ?? model.accountPrompt ?? model.globalPrompt ?? ENVIRONMENT_PROMPT,
      );
    await eventually(() => h.hook.sends().some((send) => send.message.id === log.replyMessageId), {
      what: `the send of ${log.replyMessageId}`,
    });
    // The delivery publishes the event before it completes: once it sent and is no longer pending, it decided.
    const conversation = h.api.deps.temporal.workflow.getHandle(
      conversationWorkflowId(h.organizationId, log.conversationId!),
    );
    await eventually(async () => (await conversation.describe()).raw.pendingActivities?.length === 0, {
      what: 'the delivery to complete',
    });
    if (model.subscriptionId) {
      await eventually(() => eventWorkflowExists(log.replyMessageId), { what: `ai.reply.sent (${context})` });
    } else {
      expect(await eventWorkflowExists(log.replyMessageId), context).toBe(false);
    }
  }

  it('a send right after its generation uses the version it read; a retry reads it again', async () => {
    const contact = '34600900002';
    // The first attempt is held, then refused; a subscription made meanwhile must count for the retry.
    h.hook.answerSendsAfter(1_500);
    h.hook.failNext(503);
    const sendsBefore = h.hook.sendRequests().length;
    const accepted = await h.inbound(account.id, { message_id: 'wamid.kept-retry', from: { id: contact }, text: 'Hi' });
    expect(accepted.status).toBe(202);
    await eventually(() => h.hook.sendRequests().length > sendsBefore, { what: 'the first attempt' });
    const body = { url: webhooks.url, events: ['ai.reply.sent'] };
    const subscription = await ok(h.request('post', `/v1/accounts/${account.id}/webhooks`, { body }), 201);
    h.hook.answerSendsAfter(0);
    const log = await eventually(() => h.collections.aiLogs.findOne({ triggerMessageIds: accepted.body.message_id }), {
      what: 'the AI log',
    });
    await eventually(() => h.hook.sends().filter((send) => send.message.id === log.replyMessageId).length === 2, {
      what: 'the retried send',
    });
    await eventually(() => eventWorkflowExists(log.replyMessageId), { what: 'ai.reply.sent after the retry' });
    await ok(h.request('delete', `/v1/accounts/${account.id}/webhooks/${subscription.id}`), 204);
  });

  it('every turn answers with what is in force after random changes', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 16);
    const steps = Number(process.env.KEPT_CONFIGURATION_STEPS ?? 24);
    const next = random(seed);
    const model: Model = {
      globalPrompt: null,
      accountPrompt: null,
      chatPrompt: null,
      agent: null,
      blocked: false,
      subscriptionId: null,
    };
    const history: string[] = [`seed ${seed}`];
    // The first turn creates the contact and fills the worker's kept configuration.
    await expectTurnAsModelled(model, history);
    for (let n = 1; n <= steps; n += 1) {
      // A blocked contact's turns show nothing else: unblocked again every other step or so.
      const applicable = Object.entries(changes).filter(([, change]) => change.applies(model));
      const [name, change] =
        model.blocked && next() < 0.5
          ? ['contact unblocked', changes['contact unblocked']!]
          : applicable[Math.floor(next() * applicable.length)]!;
      await change.run(model, n);
      history.push(name);
      await expectTurnAsModelled(model, history);
    }
  });
});
