import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerSearchAttributes } from '../../src/engine/search-attributes-admin.js';
import { agentFixtures } from '../support/agents.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  fixture,
  hmacHex,
  providerCredentials,
  startProviderStandIns,
  type ProviderStandIns,
} from '../support/provider-stand-ins.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { quietTemporalRuntime } from '../support/temporal-runtime.js';

const { whatsappCloud } = providerCredentials;

/**
 * WhatsApp's 24-hour customer-service window, with time skipped by the Java test server: a message
 * due more than 24 hours after the contact's last one (a human's, or the agent's follow-up) goes out
 * as the account's approved template, or is not sent and says why (`outside_customer_service_window`).
 */
describe('WhatsApp Cloud API customer-service window (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let providers: ProviderStandIns;
  /** Conversations answered once inside the window, then silent for 25 hours. */
  let withoutTemplate: string;
  let withTemplate: string;
  /** Conversations of the agent, whose follow-up is due two days after its reply. */
  let followupWithoutTemplate: { conversationId: string; accountId: string };
  let followupWithTemplate: { conversationId: string; accountId: string };
  /** Messages sent to Meta before the 25 hours passed. */
  let sendsBeforeSkip: number;
  /** Receives the accounts' `ai.reply.failed` events (the delivery log). */
  let events: Awaited<ReturnType<typeof startRecordingServer>>;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: inject('stack').temporalTestServerPath } },
    });
    await registerSearchAttributes(env.connection, 'default');
    h = await startHarness({}, env);
    providers = await startProviderStandIns();
    events = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    // All conversations start at once: the API stamps messages with the wall clock, which only
    // matches the test server's clock until the first skip.
    withoutTemplate = (await answeredConversation()).conversationId;
    withTemplate = (await answeredConversation({ name: 'order_update', language: 'en_US' })).conversationId;
    // From here on the organization's WhatsApp agent answers, and nudges a contact who went quiet
    // with an AI-written follow-up two days later: outside the window.
    const fixtures = agentFixtures(h.store, h.organizationId);
    const agent = await fixtures.agent({ waitTime: 0, sleepEnabled: false });
    await fixtures.action(agent._id, {
      type: 'ADVANCED_FOLLOWUP',
      name: 'Nudge',
      details: {
        enabled: true,
        scenarioId: 'contactStoppedReplying',
        followupSequence: [{ id: 1, followupTime: 2, followupTimeUnit: 'DAYS', aiEnabledMessage: true }],
      },
    });
    followupWithoutTemplate = await answeredConversation();
    followupWithTemplate = await answeredConversation({ name: 'we_miss_you', language: 'es' });
    sendsBeforeSkip = providers.bodies(/\/messages$/).length;
    await env.sleep('25 hours');
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
    await providers?.close();
    await events?.close();
  });

  const sentMessages = () => providers.bodies(/\/messages$/).filter((body) => body.status !== 'read');
  /**
   * What reached Meta since the clock was skipped, other than templates (all accounts share the phone
   * number id and the contact): outside the window, nothing, typing indicators included.
   */
  const freeFormAfterSkip = () =>
    providers
      .bodies(/\/messages$/)
      .slice(sendsBeforeSkip)
      .filter((body) => body.type !== 'template');

  /** A WhatsApp Cloud account (its events recorded) and a conversation answered inside the window. */
  async function answeredConversation(followupTemplate?: { name: string; language: string }) {
    const created = await h.request('post', '/v1/accounts', {
      body: {
        name: 'WhatsApp Cloud',
        type: 'whatsapp_cloud',
        whatsapp_cloud: {
          ...whatsappCloud,
          api_base_url: providers.whatsappBaseUrl,
          ...(followupTemplate ? { followup_template: followupTemplate } : {}),
        },
      },
    });
    expect(created.status).toBe(201);
    const subscribed = await h.request('post', `/v1/accounts/${created.body.id}/webhooks`, {
      body: { url: events.url, events: ['ai.reply.failed'] },
    });
    expect(subscribed.status).toBe(201);
    const body = fixture('whatsapp-cloud-text');
    const signature = `sha256=${hmacHex(whatsappCloud.app_secret, body)}`;
    const sendsBefore = sentMessages().length;
    h.llm.script({ reply: 'Yes, in blue and green.' });
    const posted = await h.request('post', created.body.webhook_path, {
      rawBody: body,
      key: null,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(posted.status).toBe(200);
    for (let i = 0; i < 60 && sentMessages().length === sendsBefore; i++) await env.sleep('1 second');
    expect(sentMessages().at(-1)).toMatchObject({ type: 'text', text: { body: 'Yes, in blue and green.' } });
    const conversation = await h.collections.conversations.findOne({ channelAccountId: created.body.id });
    return { conversationId: conversation!._id, accountId: created.body.id as string };
  }

  it('a human message after 24 hours without a template is not sent and is logged outside_customer_service_window', async () => {
    const conversationId = withoutTemplate;
    const answer = await h.request('post', `/v1/conversations/${conversationId}/messages`, {
      body: { text: 'We have the green one in stock again!' },
    });
    expect(answer.status).toBe(202);
    const message = await eventually(async () => {
      const found = await h.collections.messages.findOne({ conversationId, author: 'human' });
      return found?.deliveryStatus !== 'pending' && found;
    });
    expect(message).toMatchObject({ deliveryStatus: 'skipped', deliveryError: 'outside_customer_service_window' });
    expect(freeFormAfterSkip()).toEqual([]);
  });

  it('with followup_template, a human message after 24 hours goes out as the approved template', async () => {
    const conversationId = withTemplate;
    const answer = await h.request('post', `/v1/conversations/${conversationId}/messages`, {
      body: { text: 'We have the green one in stock again!' },
    });
    expect(answer.status).toBe(202);
    const orderUpdates = () => sentMessages().filter((body) => body.template?.name === 'order_update');
    await eventually(() => orderUpdates().length === 1, { what: 'the template at /messages' });
    expect(orderUpdates()).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '16505551234',
        type: 'template',
        template: { name: 'order_update', language: { code: 'en_US' } },
      },
    ]);
    const message = await eventually(() =>
      h.collections.messages.findOne({ conversationId, author: 'human', deliveryStatus: 'sent' }),
    );
    expect(message.channelMessageId).toMatch(/^wamid\.out-/);
  });

  /** The follow-up the workflow wrote for a conversation (its second AI message), once its delivery is over. */
  async function settledFollowup(conversationId: string) {
    const settled = async () => {
      const replies = await h.collections.messages
        .find({ conversationId, direction: 'outbound', author: 'ai' })
        .sort({ createdAt: 1 })
        .toArray();
      const followup = replies[1];
      return followup?.deliveryStatus === 'pending' ? undefined : followup;
    };
    // Due two days after the agent's reply: skip there an hour at a time.
    for (let i = 0; i < 48 && !(await settled()); i++) await env.sleep('1 hour');
    return eventually(settled, { what: 'the follow-up sent or skipped' });
  }

  it('an AI follow-up after 24 hours without a template is not sent; its AI log and ai.reply.failed say why', async () => {
    const { conversationId, accountId } = followupWithoutTemplate;
    const followup = await settledFollowup(conversationId);
    expect(followup).toMatchObject({ deliveryStatus: 'skipped', deliveryError: 'outside_customer_service_window' });
    const log = await h.collections.aiLogs.findOne({ _id: followup._id });
    expect(log).toMatchObject({ source: 'workflow', outcome: 'skipped', reason: 'outside_customer_service_window' });
    expect(freeFormAfterSkip()).toEqual([]);

    // The delivery log: the account's `ai.reply.failed` event, delivered to its subscriber.
    const deliveries = await eventually(async () => {
      const answer = await h.request('get', `/v1/accounts/${accountId}/webhooks/deliveries?event=ai.reply.failed`);
      return JSON.stringify(answer.body).includes('outside_customer_service_window') && answer;
    });
    expect(deliveries.status).toBe(200);
    const received = events.requests.map((request) => request.body as any);
    expect(received).toContainEqual(
      expect.objectContaining({
        type: 'ai.reply.failed',
        data: expect.objectContaining({
          conversation_id: conversationId,
          message_id: followup._id,
          stage: 'delivery',
          reason: 'outside_customer_service_window',
        }),
      }),
    );
  });

  it('with followup_template, the AI follow-up after 24 hours goes out as the approved template', async () => {
    const { conversationId } = followupWithTemplate;
    const followup = await settledFollowup(conversationId);
    expect(followup).toMatchObject({ deliveryStatus: 'sent', channelMessageId: expect.stringMatching(/^wamid\.out-/) });
    const templates = sentMessages().filter((body) => body.type === 'template' && body.template.name === 'we_miss_you');
    expect(templates).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '16505551234',
        type: 'template',
        template: { name: 'we_miss_you', language: { code: 'es' } },
      },
    ]);
  });
});
