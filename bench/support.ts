import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import {
  freePort,
  freePorts,
  removeStateFolder,
  startLocalStack,
  type LocalStack,
} from '../scripts/stack/local-stack.js';
import { SecretBox } from '../src/lib/secret-box.js';
import { connectDatabase } from '../src/store/database.js';
import { createOrganization } from '../src/usecases/api-keys.js';
import { apiClient } from '../test/support/api-client.js';
import { startHookReceiver } from '../test/support/hook-receiver.js';
import { startScriptedLlm } from '../test/support/scripted-llm.js';
import { startServiceProcess } from '../test/support/service-process.js';
import { storeCommands } from '../test/support/store-commands.js';
import { quietTemporalRuntime } from '../test/support/temporal-runtime.js';

/** A throwaway local stack for a benchmark run, or none when MONGODB_URI / TEMPORAL_ADDRESS point elsewhere. */
export async function benchStack(): Promise<{
  mongodbUri: string;
  temporalAddress: string;
  /** The local stack's PostgreSQL (index mirroring, LOCAL_STACK_POSTGRES_URL); unset on external servers. */
  postgresUrl?: string;
  stop(): Promise<void>;
}> {
  if (process.env.MONGODB_URI && process.env.TEMPORAL_ADDRESS) {
    return {
      mongodbUri: process.env.MONGODB_URI,
      temporalAddress: process.env.TEMPORAL_ADDRESS,
      postgresUrl: process.env.LOCAL_STACK_POSTGRES_URL,
      stop: () => Promise.resolve(),
    };
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'convo-pilot-bench-'));
  const stack: LocalStack = await startLocalStack({ stateDir, ports: await freePorts() });
  return {
    mongodbUri: stack.mongodbUri,
    temporalAddress: stack.temporalAddress,
    postgresUrl: stack.postgresUrl,
    async stop() {
      await stack.stop();
      removeStateFolder(stateDir);
    },
  };
}

/** Runs `operation` `count` times sequentially and returns latency percentiles in milliseconds. */
export async function measure(count: number, operation: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await operation(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return percentiles(samples);
}

/** p50, p99 and max of latency samples in milliseconds (NaN when there are none). */
export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? NaN };
}

export function printRow(name: string, result: Awaited<ReturnType<typeof measure>>): void {
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `${name.padEnd(44)} n=${String(result.count).padStart(6)}  p50 ${f(result.p50)} ms  p99 ${f(result.p99)} ms  max ${f(result.max)} ms`,
  );
}

/** The machine a result was measured on, printed above every benchmark's table. */
export function printMachine(): void {
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (totalmem() / 2 ** 30).toFixed(1);
  console.log(
    `machine: ${cpuModel} × ${cpus().length} cores, ${memoryGiB} GiB, ${process.platform} ${release()}, Node ${process.version}`,
  );
  console.log(`load average at start: ${loadAverage()}\n`);
}

/** The 1, 5 and 15-minute load averages: another job sharing the cores shows here. */
export const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** A benchmark size or rate from the environment, with its default. */
export function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export function settingList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  return raw ? raw.split(',').map(Number) : fallback;
}

/**
 * Runs `operation` at `ratePerSecond` for `seconds`, open loop: calls start on schedule whether or
 * not earlier ones have finished (up to `maxInFlight`), as independent clients would. Answers the
 * rate actually sustained (completed calls over the time until the last one finished), latency
 * percentiles and the failures.
 */
export async function openLoop(
  ratePerSecond: number,
  seconds: number,
  operation: (i: number) => Promise<unknown>,
  maxInFlight = 2_000,
) {
  const latencies: number[] = [];
  let errors = 0;
  /** What the first failures were (kinds repeat; a few tell what went wrong). */
  const errorSamples: string[] = [];
  let skipped = 0;
  let started = 0;
  let inFlight = 0;
  const total = Math.round(ratePerSecond * seconds);
  const begin = performance.now();
  const calls: Promise<void>[] = [];
  while (started < total) {
    const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * ratePerSecond) + 1);
    for (; started < due; started++) {
      if (inFlight >= maxInFlight) {
        skipped += 1;
        continue;
      }
      inFlight += 1;
      const callStart = performance.now();
      calls.push(
        operation(started)
          .then(
            () => void latencies.push(performance.now() - callStart),
            (error: unknown) => {
              errors += 1;
              if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
            },
          )
          .finally(() => void (inFlight -= 1)),
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(calls);
  const elapsedSeconds = Math.max(seconds, (performance.now() - begin) / 1000);
  return {
    target: ratePerSecond,
    sustained: latencies.length / elapsedSeconds,
    errors,
    errorSamples,
    skipped,
    ...percentiles(latencies),
  };
}

export type LoadStep = Omit<Awaited<ReturnType<typeof openLoop>>, 'errorSamples'>;

/** A step is sustained when (nearly) every call was made and succeeded at the rate asked for. */
export const sustains = (step: Pick<LoadStep, 'target' | 'sustained' | 'errors' | 'skipped'>) =>
  step.errors === 0 && step.skipped === 0 && step.sustained >= 0.95 * step.target;

export function printLoadTable(title: string, steps: LoadStep[]): void {
  console.log(title);
  console.log('target/s  sustained/s      p50 ms      p99 ms      max ms  errors  sustained?');
  for (const s of steps) {
    console.log(
      `${String(s.target).padStart(8)}  ${s.sustained.toFixed(1).padStart(11)}  ${s.p50.toFixed(2).padStart(10)}  ${s.p99
        .toFixed(2)
        .padStart(
          10,
        )}  ${s.max.toFixed(2).padStart(10)}  ${String(s.errors + s.skipped).padStart(6)}  ${sustains(s) ? 'yes' : 'no'}`,
    );
  }
  console.log();
}

/**
 * A worker in this process for the benchmark workflows (bench/workflows), on a task queue of its own,
 * with a client: what the ceiling and the timer measurements drive.
 */
export async function startBenchWorker(temporalAddress: string) {
  quietTemporalRuntime();
  const taskQueue = `bench-${Math.random().toString(36).slice(2, 8)}`;
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: resolve(import.meta.dirname, 'workflows', 'index.ts'),
    maxConcurrentWorkflowTaskExecutions: 200,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  return {
    client,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
    },
  };
}

/**
 * The service as it runs in production: the API and the worker as two processes (tsx), on a fresh
 * local stack, with an organization and its admin key, a 0-ms scripted LLM provider and a channel
 * hook receiver in this process. `env` adds service settings.
 */
export async function startBenchService(env: Record<string, string> = {}) {
  // Everything started, stopped last first by `stop()`, or at once when a later step fails: a bench
  // that cannot start must not leave its stack running.
  const started: (() => Promise<unknown>)[] = [];
  const stopStarted = async (ignoreErrors: boolean) => {
    for (const stop of started.splice(0).reverse()) await (ignoreErrors ? stop().catch(() => undefined) : stop());
  };
  try {
    return { ...(await startBenchServiceSteps(env, started)), stop: () => stopStarted(false) };
  } catch (error) {
    await stopStarted(true);
    throw error;
  }
}

async function startBenchServiceSteps(env: Record<string, string>, started: (() => Promise<unknown>)[]) {
  const stack = await benchStack();
  started.push(() => stack.stop());
  const llm = await startScriptedLlm();
  started.push(() => llm.close());
  const hook = await startHookReceiver();
  started.push(() => hook.close());
  const dbName = `bench_${Math.random().toString(36).slice(2, 8)}`;
  const database = await connectDatabase(stack.mongodbUri, dbName);
  started.push(async () => {
    await database.db.dropDatabase();
    await database.close();
  });
  const serviceEnv = {
    NODE_ENV: 'test',
    OUTBOUND_ALLOW_PRIVATE_NETWORK: 'true',
    MONGODB_URI: stack.mongodbUri,
    MONGODB_DB: dbName,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    ...(stack.postgresUrl ? { LOCAL_STACK_POSTGRES_URL: stack.postgresUrl } : {}),
    TEMPORAL_TASK_QUEUE: 'bench-conversations',
    SECRETS_KEYS: SecretBox.generateKeySpec('bench'),
    AI_BASE_URL: llm.baseUrl,
    AI_API_KEY: 'sk-bench',
    AI_MODEL: 'scripted-model',
    TYPING_MS_PER_CHARACTER: '0',
    AI_REPLY_DELAY_SECONDS: '0',
    // The benchmarks measure the service itself, far past the per-account ingest limit of production.
    RATE_LIMIT_INGEST_ORGANIZATION_POINTS: '10000000',
    RATE_LIMIT_INGEST_ACCOUNT_POINTS: '10000000',
    ...env,
  };
  const port = await freePort();
  const workerMetricsPort = await freePort();
  const api = await startServiceProcess('src/server.ts', { ...serviceEnv, PORT: String(port) }, 'API listening');
  started.push(() => api.stop());
  const worker = await startServiceProcess(
    'src/worker.ts',
    { ...serviceEnv, WORKER_METRICS_PORT: String(workerMetricsPort) },
    'worker started',
  );
  started.push(() => worker.stop());
  const { organizationId, adminKey } = await createOrganization(database.collections, { name: 'Bench' });
  const apiUrl = `http://127.0.0.1:${port}`;
  const request = apiClient(apiUrl, adminKey.key);
  const account = await request('post', '/v1/accounts', {
    body: { name: 'Bench WhatsApp', type: 'whatsapp', outbound_hook_url: hook.url },
  });
  if (account.status !== 201) throw new Error(`account creation failed: ${JSON.stringify(account.body)}`);
  return {
    temporalAddress: stack.temporalAddress,
    taskQueue: serviceEnv.TEMPORAL_TASK_QUEUE,
    apiUrl,
    /** Store round trips so far of the API and of the worker. */
    storeCommands: async () => ({
      api: await storeCommands(apiUrl),
      worker: await storeCommands(`http://127.0.0.1:${workerMetricsPort}`),
    }),
    adminKey: adminKey.key,
    organizationId,
    accountId: account.body.id as string,
    request,
    database,
    llm,
    hook,
    api,
    worker,
  };
}
