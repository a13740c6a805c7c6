import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { temporalEventPublisher } from './activities/event-publisher.js';
import { createActivities } from './activities/index.js';
import { loadConfig, type Config } from './config.js';
import { createLogger } from './lib/logger.js';
import { SecretBox } from './lib/secret-box.js';
import { connectDatabase, ensureIndexes, type Database } from './store/database.js';

const thisFile = fileURLToPath(import.meta.url);

export interface WorkerDeps {
  config: Config;
  database: Database;
  connection: NativeConnection;
  /** For the activities that start other workflows (webhook events). */
  client: Client;
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
}: WorkerDeps): Promise<Worker> {
  const activities = createActivities({
    collections: database.collections,
    secretBox: new SecretBox(config.secretsKeys),
    config,
    events: temporalEventPublisher(client, config.temporal.taskQueue, database.collections.webhookSubscriptions),
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
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    ...options,
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log.level, 'worker', config.log.pretty);
  const database = await connectDatabase(config.mongo.uri, config.mongo.dbName);
  await ensureIndexes(database);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  const worker = await createWorker({ config, database, connection, client });
  logger.info({ taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }, 'worker started');
  // Worker.run() handles SIGINT/SIGTERM itself: it stops polling and lets running activities finish.
  await worker.run();
  await clientConnection.close();
  await connection.close();
  await database.close();
  logger.info('worker stopped');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
