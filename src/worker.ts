import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { temporalEventPublisher } from './engine/event-publisher.js';
import { createActivities } from './activities/index.js';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './lib/logger.js';
import { countStoreCommands, serveMetrics, WorkerMetrics } from './lib/metrics.js';
import { SecretBox } from './lib/secret-box.js';
import { temporalConnectionOptions, temporalDataConverter } from './lib/temporal-transport.js';
import { createRepositories } from './store/repositories.js';
import { purgeExpired } from './store/retention.js';
import { connectDatabase, ensureIndexes, type Database } from './store/database.js';

const thisFile = fileURLToPath(import.meta.url);

export interface WorkerDeps {
  config: Config;
  database: Database;
  connection: NativeConnection;
  /** For the activities that start other workflows (webhook events). */
  client: Client;
  /** The activities' counters (served by `main` on WORKER_METRICS_PORT). */
  metrics?: WorkerMetrics;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles `src/workflows` itself. */
  workflowBundlePath?: string;
  options?: Partial<WorkerOptions>;
}

/** A Temporal worker for the conversation task queue: the workflows plus activities bound to their I/O. */
export async function createWorker({
  config,
  database,
  connection,
  client,
  workflowBundlePath,
  options,
  metrics = new WorkerMetrics(),
}: WorkerDeps): Promise<Worker> {
  const secretBox = new SecretBox(config.secretsKeys);
  const store = createRepositories(database.collections, {
    secretBox,
    aiDefaults: config.aiDefaults,
    dailyTokenBudget: config.aiLimits.dailyTokenBudget,
  });
  const activities = createActivities({
    store,
    secretBox,
    config,
    events: temporalEventPublisher(client, config.temporal.taskQueue, store.webhookSubscriptions),
    metrics,
  });
  const workflowSource = workflowBundlePath
    ? { workflowBundle: { codePath: workflowBundlePath } }
    : { workflowsPath: join(dirname(thisFile), 'workflows', `index${extname(thisFile)}`) };
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflowSource,
    activities,
    dataConverter: temporalDataConverter(secretBox),
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    // In-flight turns (an LLM call, a send) finish on SIGTERM instead of being cancelled and retried elsewhere.
    shutdownGraceTime: config.worker.shutdownGraceMs,
    ...options,
  });
}

/** A port free on the loopback interface right now. */
async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * With WORKER_METRICS_PORT: the Temporal SDK's own metrics (its runtime's Prometheus exporter, on a
 * loopback port of its own) and the activities' counters, served together on that one port. Must
 * run before the first connection to Temporal, which installs the runtime.
 */
async function serveWorkerMetrics(config: Config, metrics: WorkerMetrics) {
  if (config.worker.metricsPort === undefined) return undefined;
  const sdkAddress = `127.0.0.1:${await freeLoopbackPort()}`;
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: sdkAddress } } } });
  return serveMetrics(metrics.registry, config.worker.metricsPort, config.http.host, async () =>
    (await fetch(`http://${sdkAddress}/metrics`)).text(),
  );
}

/** AI logs lose their prompt text after the TTL, past action quotas go: at start and every hour (see purgeExpired). */
function purgeHourly(database: Database, ttlDays: number, logger: Logger): () => void {
  const purge = () =>
    purgeExpired(database.collections, ttlDays).then(
      (emptied) => emptied > 0 && logger.info({ emptied, ttlDays }, 'AI log prompts removed after their TTL'),
      (error: unknown) => logger.warn({ err: error }, 'purge of expired data failed; retried in an hour'),
    );
  void purge();
  const timer = setInterval(() => void purge(), 3_600_000);
  return () => clearInterval(timer);
}

/**
 * `GET /health` on the worker's health port: 200 while the worker polls its task queue, 503 once it
 * is stopping or failed (container healthchecks; the worker has no other HTTP surface).
 */
export async function serveWorkerHealth(worker: Worker, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createHttpServer((request, response) => {
    const state = worker.getState();
    const healthy = request.url === '/health' && state === 'RUNNING';
    response.writeHead(healthy ? 200 : request.url === '/health' ? 503 : 404, { 'content-type': 'text/plain' });
    response.end(request.url === '/health' ? state : 'not found');
  });
  await new Promise<void>((resolve, reject) =>
    server.once('listening', resolve).once('error', reject).listen(port, host),
  );
  return server;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log.level, 'worker', config.log.pretty);
  const metrics = new WorkerMetrics();
  const metricsServer = await serveWorkerMetrics(config, metrics);
  const database = await connectDatabase(config.mongo.uri, config.mongo.dbName);
  countStoreCommands(database.client, metrics.registry);
  await ensureIndexes(database, config.mongo);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const clientConnection = await Connection.connect(temporalConnectionOptions(config.temporal));
  const client = new Client({
    connection: clientConnection,
    namespace: config.temporal.namespace,
    dataConverter: temporalDataConverter(new SecretBox(config.secretsKeys)),
  });
  const worker = await createWorker({ config, database, connection, client, metrics });
  const health =
    config.worker.healthPort === undefined ? null : await serveWorkerHealth(worker, config.worker.healthPort);
  // Worker.run() handles SIGINT/SIGTERM itself: it stops polling and gives running activities
  // WORKER_SHUTDOWN_GRACE_SECONDS to finish.
  const running = worker.run();
  logger.info(
    {
      taskQueue: config.temporal.taskQueue,
      temporal: config.temporal.address,
      metrics: metricsServer?.url,
      healthPort: config.worker.healthPort,
    },
    'worker started',
  );
  const stopPurging = purgeHourly(database, config.aiLimits.logPromptTtlDays, logger);
  await running;
  stopPurging();
  health?.close();
  await clientConnection.close();
  await connection.close();
  await database.close();
  await metricsServer?.close();
  logger.info('worker stopped');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
