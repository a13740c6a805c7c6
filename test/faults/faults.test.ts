/**
 * Fault tests with real processes: a stack of its own (so stopping its servers does not disturb the
 * other test files), the API in this process, the worker as a child process, the channel hook and a
 * webhook subscriber as loopback servers that can go down. Each scenario posts inbound messages the
 * way a channel integration does (retrying with the same message_id until 202) and checks what the
 * receivers got and what MongoDB holds:
 * - no inbound message lost (stored, and answered: the workflow saw it);
 * - no reply sent twice (one idempotency key per reply, one outbound message per conversation);
 * - every pending timer fires (replies waiting out their delay across a Temporal restart);
 * - every webhook delivered once the subscriber is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, startLocalStack, type LocalStack } from '../../scripts/stack/local-stack.js';
import { loadConfig } from '../../src/config.js';
import { SecretBox } from '../../src/lib/secret-box.js';
import { startApi, type RunningApi } from '../../src/server.js';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { apiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { startHookReceiver } from '../support/hook-receiver.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { startScriptedLlm } from '../support/scripted-llm.js';
import { startWorkerProcess, type ServiceProcess } from '../support/service-process.js';

const RECOVERY = { timeoutMs: 90_000, intervalMs: 250 };

describe('faults: worker crash, Temporal and MongoDB restarts, receivers down', () => {
  let stateDir: string;
  let stack: LocalStack;
  let api: RunningApi;
  let worker: ServiceProcess;
  let workerEnv: Record<string, string>;
  let llm: Awaited<ReturnType<typeof startScriptedLlm>>;
  let hook: Awaited<ReturnType<typeof startHookReceiver>>;
  let subscriber: Awaited<ReturnType<typeof startRecordingServer>>;
  let request: ReturnType<typeof apiClient>;
  let accountId: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'convo-pilot-faults-'));
    stack = await startLocalStack({ stateDir, ports: await freePorts() });
    llm = await startScriptedLlm();
    hook = await startHookReceiver();
    subscriber = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    workerEnv = {
      NODE_ENV: 'test',
      OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
      MONGODB_URI: stack.mongodbUri,
      MONGODB_DB: 'faults',
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: 'faults',
      SECRETS_KEYS: SecretBox.generateKeySpec('faults'),
      AI_BASE_URL: llm.baseUrl,
      AI_API_KEY: 'sk-test',
      AI_MODEL: 'scripted-model',
      TYPING_MS_PER_CHARACTER: '0',
    };
    api = await startApi(loadConfig({ ...workerEnv, PORT: '0', LOG_LEVEL: 'silent' }));
    worker = await startWorkerProcess(workerEnv);
    const { adminKey } = await createOrganization(api.deps.collections, { name: 'Faults' });
    request = apiClient(api.url, adminKey.key);
    const account = await request('post', '/v1/accounts', {
      body: { name: 'WhatsApp', type: 'whatsapp', outbound_hook_url: hook.url },
    });
    accountId = account.body.id;
    const subscription = await request('post', `/v1/accounts/${accountId}/webhooks`, {
      body: { url: `${subscriber.url}/events`, events: ['ai.reply.sent'] },
    });
    expect(subscription.status).toBe(201);
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await Promise.all([llm?.close(), hook?.close(), subscriber?.close()]);
    await stack?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  /** One inbound message, each from a contact of its own (one conversation, one reply). */
  const postOnce = (messageId: string) =>
    request('post', `/v1/accounts/${accountId}/messages`, {
      body: { message_id: messageId, from: { id: `contact-of-${messageId}` }, text: `Question ${messageId}` },
    });

  /** Posts an inbound message as an integration does: retried with the same message_id until 202. */
  async function postInbound(messageId: string): Promise<string> {
    return eventually(
      async () => {
        const answer = await postOnce(messageId);
        return answer.status === 202 && (answer.body.conversation_id as string);
      },
      { ...RECOVERY, intervalMs: 1_000, what: `202 for ${messageId}` },
    );
  }

  /** The `message.send` calls the hook got for a conversation, grouped by idempotency key. */
  function sendKeysOf(conversationId: string): Set<string> {
    const keys = hook
      .sendRequests()
      .filter((r) => (r.body as { conversation_id?: string }).conversation_id === conversationId)
      .map((r) => String(r.headers['idempotency-key']));
    return new Set(keys);
  }

  /**
   * Waits until every conversation has its one reply sent and its `ai.reply.sent` delivered, then
   * checks nothing was lost or doubled: the inbound message stored once, one outbound message, one
   * idempotency key at the hook, one delivery per event at the subscriber.
   */
  async function expectEachAnsweredOnce(conversations: Map<string, string>): Promise<void> {
    const { messages, webhookDeliveries } = api.deps.collections;
    for (const [messageId, conversationId] of conversations) {
      expect(await messages.countDocuments({ conversationId, direction: 'inbound', channelMessageId: messageId })).toBe(
        1,
      );
      const reply = await eventually(
        () => messages.findOne({ conversationId, direction: 'outbound', deliveryStatus: 'sent' }),
        { ...RECOVERY, what: `the reply to ${messageId}` },
      );
      expect(await messages.countDocuments({ conversationId, direction: 'outbound' })).toBe(1);
      expect([...sendKeysOf(conversationId)]).toEqual([reply._id]);
      const delivery = await eventually(
        () => webhookDeliveries.findOne({ eventId: `${reply._id}.ai.reply.sent`, status: 'delivered' }),
        { ...RECOVERY, what: `ai.reply.sent of ${messageId} delivered` },
      );
      expect(await webhookDeliveries.countDocuments({ eventId: delivery.eventId })).toBe(1);
      const received = subscriber.requests.filter((r) => r.headers['webhook-id'] === delivery._id);
      expect(received.length).toBeGreaterThanOrEqual(1);
      expect(new Set(received.map((r) => (r.body as { data: { message_id: string } }).data.message_id))).toEqual(
        new Set([reply._id]),
      );
    }
  }

  async function postAll(prefix: string, count: number): Promise<Map<string, string>> {
    const conversations = new Map<string, string>();
    for (let i = 0; i < count; i++) {
      const messageId = `${prefix}-${i}`;
      conversations.set(messageId, await postInbound(messageId));
    }
    return conversations;
  }

  it('a worker killed with SIGKILL while the channel hook holds a send: resent with the same key, once', async () => {
    hook.answerSendsAfter(5_000);
    const before = hook.sendRequests().length;
    const conversations = await postAll('kill9', 3);
    await eventually(() => hook.sendRequests().length > before, { ...RECOVERY, what: 'a send in flight' });
    await worker.kill9();
    hook.answerSendsAfter(0);
    worker = await startWorkerProcess(workerEnv);
    await expectEachAnsweredOnce(conversations);
  });

  it('the Temporal dev server stopped and restarted (SQLite kept): pending timers fire, held-up messages land', async () => {
    const delay = await request('put', `/v1/accounts/${accountId}/ai`, { body: { reply_delay_seconds: 6 } });
    expect(delay.status).toBe(200);
    const waiting = await postAll('temporal-timer', 3);
    // Generation done: each reply now waits out its delay in a Temporal timer.
    await eventually(
      async () =>
        (await api.deps.collections.aiLogs.countDocuments({ conversationId: { $in: [...waiting.values()] } })) === 3,
      { ...RECOVERY, what: 'the three generations' },
    );
    await stack.components.temporal.stop();
    // Meanwhile ingest stores the message and answers 503; the integration retries.
    expect((await postOnce('temporal-down-0')).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await stack.components.temporal.start();
    const retried = await postAll('temporal-down', 1);
    await request('put', `/v1/accounts/${accountId}/ai`, { body: { reply_delay_seconds: 0 } });
    await expectEachAnsweredOnce(new Map([...waiting, ...retried]));
  });

  it('the channel hook and the webhook subscriber down for a while: everything delivered once they are back', async () => {
    await Promise.all([hook.goDown(), subscriber.goDown()]);
    const conversations = await postAll('receivers-down', 3);
    await eventually(
      async () =>
        (await api.deps.collections.messages.countDocuments({
          conversationId: { $in: [...conversations.values()] },
          direction: 'outbound',
          deliveryStatus: 'pending',
        })) === 3,
      { ...RECOVERY, what: 'three sends failing against the closed hook' },
    );
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await Promise.all([hook.comeBack(), subscriber.comeBack()]);
    await expectEachAnsweredOnce(conversations);
  });

  it('FerretDB (the MongoDB-wire server) restarted mid-run: messages accepted before and after are answered once', async () => {
    const before = await postAll('mongo-before', 2);
    await stack.components.ferretdb.stop();
    expect((await postOnce('mongo-down-0')).status).toBeGreaterThanOrEqual(500);
    await stack.components.ferretdb.start();
    const after = await postAll('mongo-down', 1);
    await expectEachAnsweredOnce(new Map([...before, ...after]));
  });
});
