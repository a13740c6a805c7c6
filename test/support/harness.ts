import type { Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { signAdminJwt } from '../../src/lib/admin-jwt.js';
import { SecretBox } from '../../src/lib/secret-box.js';
import { temporalConnectionOptions } from '../../src/lib/temporal-transport.js';
import { startApi, type RunningApi } from '../../src/server.js';
import { createRepositories } from '../../src/store/repositories.js';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { createWorker } from '../../src/worker.js';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';
import { apiClient } from './api-client.js';
import { decodeHistoryPayloads } from './history-payloads.js';
import { startHookReceiver } from './hook-receiver.js';
import { startScriptedLlm } from './scripted-llm.js';
import { quietTemporalRuntime } from './temporal-runtime.js';

export interface RunningWorker {
  worker: Worker;
  /** Stops polling; in-flight activities get `shutdownGraceTime` to finish. */
  stop(): Promise<void>;
}

/**
 * Everything a test file needs, real except at the network edge: the shared local stack (Temporal
 * dev server, FerretDB), a database and task queue of this file's own, the HTTP API, a worker, a
 * scripted LLM provider and a channel-hook receiver, and an organization with an admin key.
 */
export async function startHarness(
  env: Record<string, string> = {},
  /** Run on this Temporal instead of the dev server (the time-skipping test environment). */
  temporal?: { connection: Connection; nativeConnection: NativeConnection },
) {
  quietTemporalRuntime();
  const stack = inject('stack');
  const llm = await startScriptedLlm();
  const hook = await startHookReceiver();
  const suffix = randomUUID().slice(0, 8);
  /** The service's environment: a worker or API started as its own process with it joins this one. */
  const environment: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    MONGODB_URI: stack.mongodbUri,
    LOCAL_STACK_POSTGRES_URL: stack.postgresUrl,
    MONGODB_DB: `test_${suffix}`,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: `test-${suffix}`,
    // Simulated typing would add ~0.7 s to every reply; the time-skipping tests cover its timing.
    TYPING_MS_PER_CHARACTER: '0',
    SECRETS_KEYS: SecretBox.generateKeySpec('test'),
    // The stand-in hooks and providers listen on 127.0.0.1.
    OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
    AI_BASE_URL: llm.baseUrl,
    AI_API_KEY: 'sk-test',
    AI_MODEL: 'scripted-model',
    AI_SYSTEM_PROMPT: 'You are the test assistant.',
    ADMIN_JWT_SECRET: 'test-admin-jwt-secret-of-at-least-32-characters',
    ...env,
  };
  const config: Config = loadConfig(environment);
  const api: RunningApi = await startApi(config, { temporalConnection: temporal?.connection });
  const { collections } = api.deps;
  /**
   * The repositories over this database, for changes a test makes as the service would: they move
   * the organization's configuration version, so the worker reads them (a write to `collections`
   * is one made outside the service, seen within 5 minutes: docs/operations.md).
   */
  const store = createRepositories(collections, {
    secretBox: api.deps.secretBox,
    aiDefaults: config.aiDefaults,
    dailyTokenBudget: config.aiLimits.dailyTokenBudget,
  });
  const connection =
    temporal?.nativeConnection ?? (await NativeConnection.connect(temporalConnectionOptions(config.temporal)));

  const startWorker = async (): Promise<RunningWorker> => {
    const worker = await createWorker({
      config,
      database: api.deps.database,
      connection,
      client: api.deps.temporal,
      workflowBundlePath: stack.workflowBundlePath,
      options: { shutdownGraceTime: '10 seconds', stickyQueueScheduleToStartTimeout: '1 second' },
    });
    const running = worker.run();
    return {
      worker,
      async stop() {
        worker.shutdown();
        await running;
      },
    };
  };
  let worker: RunningWorker | undefined = await startWorker();

  const { organizationId, adminKey } = await createOrganization(collections, { name: `Test org ${suffix}` });

  /** A JSON request to the API, with the admin API key unless told otherwise. */
  const request = apiClient(api.url, adminKey.key);

  async function createChannelAccount(name = 'WhatsApp main', key?: string) {
    const created = await request('post', '/v1/accounts', {
      body: { name, type: 'whatsapp', outbound_hook_url: hook.url },
      key,
    });
    if (created.status !== 201) throw new Error(`account creation failed: ${JSON.stringify(created.body)}`);
    return created.body as { id: string; hook_secret: string; account_token: string };
  }

  /** An admin JWT for this organization (or another), signed with the service's secret. */
  const adminJwt = (claims: { organizationId?: string; expiresIn?: string } = {}) =>
    signAdminJwt(
      {
        organizationId: claims.organizationId ?? organizationId,
        subject: 'admin@example.com',
        name: 'Ada Admin',
        email: 'admin@example.com',
      },
      { ...config.adminJwt, secret: config.adminJwt.secret! },
      claims.expiresIn,
    );

  /**
   * With `RECORD_HISTORIES=1`, saves a conversation's workflow history as test/histories/<name>.json
   * for the replay test. Re-record only when the workflow changes on purpose and no running
   * conversation still needs the old code (otherwise use `patched()`).
   */
  async function recordHistory(conversationId: string, name: string): Promise<void> {
    if (!process.env.RECORD_HISTORIES) return;
    const handle = api.deps.temporal.workflow.getHandle(conversationWorkflowId(organizationId, conversationId));
    const history = await handle.fetchHistory();
    // Saved decoded, so the replay test needs none of this run's keys.
    await decodeHistoryPayloads(history, api.deps.temporal.options.loadedDataConverter.payloadCodecs);
    writeFileSync(
      join(import.meta.dirname, '..', 'histories', `${name}.json`),
      `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`,
    );
  }

  return {
    config,
    environment,
    api,
    recordHistory,
    collections,
    store,
    llm,
    hook,
    organizationId,
    adminKey: adminKey.key,
    request,
    createChannelAccount,
    adminJwt,
    /** Posts an inbound channel message as an integration would. */
    inbound: (accountId: string, body: Record<string, unknown>, key?: string | null) =>
      request('post', `/v1/accounts/${accountId}/messages`, { body, key }),
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    async restartWorker() {
      worker ??= await startWorker();
    },
    async close() {
      await worker?.stop();
      if (!temporal) await connection.close();
      await api.deps.database.db.dropDatabase();
      await api.close();
      await llm.close();
      await hook.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
