import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerSearchAttributes } from '../../src/engine/search-attributes-admin.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  fixture,
  hmacHex,
  providerCredentials,
  startProviderStandIns,
  type ProviderStandIns,
} from '../support/provider-stand-ins.js';
import { quietTemporalRuntime } from '../support/temporal-runtime.js';

const { whatsappCloud } = providerCredentials;

/**
 * WhatsApp's 24-hour customer-service window, with time skipped by the Java test server: a message
 * due more than 24 hours after the contact's last one goes out as the account's approved template,
 * or is not sent and says why (`outside_customer_service_window`).
 */
describe('WhatsApp Cloud API customer-service window (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let providers: ProviderStandIns;
  /** Conversations answered once inside the window, then silent for 25 hours. */
  let withoutTemplate: { conversationId: string; sendsBefore: number };
  let withTemplate: { conversationId: string; sendsBefore: number };

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: inject('stack').temporalTestServerPath } },
    });
    await registerSearchAttributes(env.connection, 'default');
    h = await startHarness({}, env);
    providers = await startProviderStandIns();
    // Both conversations start at once: the API stamps messages with the wall clock, which only
    // matches the test server's clock until the first skip.
    const plain = await answeredConversation();
    const templated = await answeredConversation({ name: 'order_update', language: 'en_US' });
    await env.sleep('25 hours');
    withoutTemplate = { conversationId: plain, sendsBefore: sentMessages().length };
    withTemplate = { conversationId: templated, sendsBefore: sentMessages().length };
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
    await providers?.close();
  });

  const sentMessages = () => providers.bodies(/\/messages$/).filter((body) => body.status !== 'read');

  /** A WhatsApp Cloud account and a conversation answered inside the window. */
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
    return conversation!._id;
  }

  it('a human message after 24 hours without a template is not sent and is logged outside_customer_service_window', async () => {
    const { conversationId } = withoutTemplate;
    const answer = await h.request('post', `/v1/conversations/${conversationId}/messages`, {
      body: { text: 'We have the green one in stock again!' },
    });
    expect(answer.status).toBe(202);
    const message = await eventually(async () => {
      const found = await h.collections.messages.findOne({ conversationId, author: 'human' });
      return found?.deliveryStatus !== 'pending' && found;
    });
    expect(message).toMatchObject({ deliveryStatus: 'skipped', deliveryError: 'outside_customer_service_window' });
    expect(sentMessages()).toHaveLength(withoutTemplate.sendsBefore);
  });

  it('with followup_template, a human message after 24 hours goes out as the approved template', async () => {
    const { conversationId, sendsBefore } = withTemplate;
    const answer = await h.request('post', `/v1/conversations/${conversationId}/messages`, {
      body: { text: 'We have the green one in stock again!' },
    });
    expect(answer.status).toBe(202);
    await eventually(() => sentMessages().length === sendsBefore + 1, { what: 'the template at /messages' });
    expect(sentMessages().at(-1)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'template',
      template: { name: 'order_update', language: { code: 'en_US' } },
    });
    const message = await eventually(() =>
      h.collections.messages.findOne({ conversationId, author: 'human', deliveryStatus: 'sent' }),
    );
    expect(message.channelMessageId).toMatch(/^wamid\.out-/);
  });
});
