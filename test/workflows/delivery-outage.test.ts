import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { temporalEventPublisher } from '../../src/engine/event-publisher.js';
import { createActivities } from '../../src/activities/index.js';
import { loadConfig } from '../../src/config.js';
import { ConversationEngine } from '../../src/engine/conversation-engine.js';
import { registerSearchAttributes } from '../../src/engine/search-attributes-admin.js';
import { WorkerMetrics } from '../../src/lib/metrics.js';
import { SecretBox } from '../../src/lib/secret-box.js';
import { connectDatabase, ensureIndexes, type Database } from '../../src/store/database.js';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { createChannelAccount } from '../../src/usecases/channel-accounts.js';
import { IngestInboundMessage } from '../../src/usecases/ingest-inbound-message.js';
import { createRepositories } from '../../src/store/repositories.js';
import { SequenceAllocator } from '../../src/store/sequence-allocator.js';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';
import { startHookReceiver } from '../support/hook-receiver.js';
import { quietTemporalRuntime, startTimeSkippingEnvironment } from '../support/temporal-runtime.js';
import { startScriptedLlm } from '../support/scripted-llm.js';

/**
 * Channel outages measured in hours, run in seconds on the Java time-skipping test server: the
 * workflow, activities, FerretDB store, scripted provider and hook receiver are all real.
 */
describe('reply delivery through a channel outage (time-skipping)', () => {
  const stack = inject('stack');
  const taskQueue = `outage-${randomUUID().slice(0, 8)}`;
  let env: TestWorkflowEnvironment;
  let database: Database;
  let worker: Worker;
  let running: Promise<void>;
  let llm: Awaited<ReturnType<typeof startScriptedLlm>>;
  let hook: Awaited<ReturnType<typeof startHookReceiver>>;
  let ingest: IngestInboundMessage;
  let organizationId: string;
  let accountId: string;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await startTimeSkippingEnvironment(stack.temporalTestServerPath);
    await registerSearchAttributes(env.connection, 'default');
    llm = await startScriptedLlm();
    hook = await startHookReceiver();
    const config = loadConfig({
      NODE_ENV: 'test',
      OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
      SECRETS_KEYS: SecretBox.generateKeySpec('t'),
      AI_BASE_URL: llm.baseUrl,
      AI_API_KEY: 'sk-test',
    });
    database = await connectDatabase(stack.mongodbUri, `test_outage_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(database, { localStackPostgresUrl: stack.postgresUrl });
    const secretBox = new SecretBox(config.secretsKeys);
    const store = createRepositories(database.collections, {
      secretBox,
      aiDefaults: config.aiDefaults,
      dailyTokenBudget: config.aiLimits.dailyTokenBudget,
    });
    const events = temporalEventPublisher(env.client, taskQueue, store.webhookSubscriptions);
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: stack.workflowBundlePath },
      activities: createActivities({
        store,
        secretBox,
        config,
        events,
        metrics: new WorkerMetrics(),
      }),
    });
    running = worker.run();
    ({ organizationId } = await createOrganization(database.collections, { name: 'Outage org' }));
    const { account } = await createChannelAccount(
      { store, secretBox, allowPrivateNetwork: true },
      { organizationId, name: 'SMS', type: 'sms', outboundHookUrl: hook.url },
      { type: 'admin', id: 'test', name: null, ip: null },
    );
    accountId = account._id;
    ingest = new IngestInboundMessage(
      { ...store, sequences: new SequenceAllocator(database.collections.counters) },
      new ConversationEngine(env.client, taskQueue),
      events,
    );
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.db.dropDatabase();
    await database?.close();
    await llm?.close();
    await hook?.close();
  });

  const inbound = (id: string, text: string) =>
    ingest.execute({
      organizationId,
      channelAccountId: accountId,
      channelMessageId: id,
      chat: { id: '+447700900001', type: 'private' },
      from: { id: '+447700900001' },
      kind: 'text',
      text,
    });

  /** Advances the test server's clock in steps until `done()` holds. */
  async function skipUntil(done: () => boolean, step = '5 minutes', maxSteps = 200): Promise<void> {
    for (let i = 0; i < maxSteps && !done(); i++) await env.sleep(step);
    expect(done()).toBe(true);
  }

  it('keeps retrying through a long outage with one idempotency key and sends exactly once on recovery', async () => {
    hook.failNext(...Array<number>(25).fill(503));
    llm.script({ reply: 'Your table is booked.' });
    const outageStart = await env.currentTimeMs();
    const accepted = await inbound('sms-1', 'Book a table for two');

    await skipUntil(() => hook.sendRequests().length >= 26);
    expect(hook.sendRequests()).toHaveLength(26);
    expect(new Set(hook.sendRequests().map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const sent = await database.collections.messages.findOne({
      conversationId: accepted.conversationId,
      direction: 'outbound',
    });
    expect(sent).toMatchObject({ deliveryStatus: 'sent', text: 'Your table is booked.' });
    // 25 failures with backoff 1 s → 2 s → … capped at 1 min: over 15 minutes of (skipped) outage.
    expect((await env.currentTimeMs()) - outageStart).toBeGreaterThan(15 * 60_000);
  });

  it('gives up on a message the hook rejects (4xx) and still answers the next one', async () => {
    const before = hook.sendRequests().length;
    hook.failNext(422);
    llm.script({ reply: 'Rejected reply' }, { reply: 'Second reply' });
    const first = await inbound('sms-2', 'Hello?');
    await skipUntil(() => hook.sendRequests().length === before + 1, '1 second');
    await inbound('sms-3', 'Anyone?');
    await skipUntil(() => hook.sends().some((s) => s.message.text === 'Second reply'), '1 second');
    expect(hook.sendRequests().length).toBe(before + 2);
    const rejected = await database.collections.messages.findOne({
      conversationId: first.conversationId,
      text: 'Rejected reply',
    });
    // Marked failed when the workflow gave up on it (before the next turn), with the channel's answer.
    expect(rejected).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('422') });
    const description = await env.client.workflow
      .getHandle(conversationWorkflowId(organizationId, first.conversationId))
      .describe();
    expect(description.status.name).toBe('RUNNING');
  });
});
