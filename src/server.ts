import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createApp } from './api/app.js';
import type { ApiDeps } from './api/deps.js';
import { loadConfig, type Config } from './config.js';
import { ConversationEngine } from './engine/conversation-engine.js';
import { temporalEventPublisher } from './engine/event-publisher.js';
import { drainHttpServer } from './lib/http-draining.js';
import { createLogger } from './lib/logger.js';
import { SecretBox } from './lib/secret-box.js';
import { temporalConnectionOptions, temporalDataConverter } from './lib/temporal-transport.js';
import { connectDatabase, ensureIndexes } from './store/database.js';
import { RateLimitCounters } from './store/rate-limit-counters.js';
import { ConfigurationVersions } from './store/configuration-versions.js';
import { createApiRecentReads } from './store/recent-reads.js';
import { WebhookSubscriptionRepository } from './store/webhooks.js';

export interface RunningApi {
  server: Server;
  url: string;
  deps: ApiDeps;
  close(): Promise<void>;
}

/**
 * Connects to MongoDB and Temporal once, then serves the API until closed. A given Temporal
 * connection (the time-skipping test environment's) is used as it is and left open.
 */
export async function startApi(config: Config, given: { temporalConnection?: Connection } = {}): Promise<RunningApi> {
  const logger = createLogger(config.log.level, 'api', config.log.pretty);
  const database = await connectDatabase(config.mongo.uri, config.mongo.dbName);
  await ensureIndexes(database, config.mongo);
  const secretBox = new SecretBox(config.secretsKeys);
  const ownConnection = given.temporalConnection
    ? undefined
    : await Connection.connect(temporalConnectionOptions(config.temporal));
  const temporal = new Client({
    connection: given.temporalConnection ?? ownConnection,
    namespace: config.temporal.namespace,
    dataConverter: temporalDataConverter(secretBox),
  });
  const recentReads = createApiRecentReads(config.http.readCache);
  const deps: ApiDeps = {
    config,
    logger,
    database,
    collections: database.collections,
    temporal,
    engine: new ConversationEngine(temporal, config.temporal.taskQueue, config.temporal.controlsChangeTimeoutMs),
    events: temporalEventPublisher(
      temporal,
      config.temporal.taskQueue,
      new WebhookSubscriptionRepository(
        database.collections.webhookSubscriptions,
        new ConfigurationVersions(database.collections.organizations),
        recentReads.subscriptions,
      ),
    ),
    secretBox,
    rateLimitCounters: new RateLimitCounters(database.client, config.mongo.dbName),
    recentReads,
  };
  const server = createApp(deps).listen(config.http.port, config.http.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host}:${port}`;
  logger.info({ url }, 'API listening');
  return {
    server,
    url,
    deps,
    /** Stops accepting requests, lets those in flight finish (`API_SHUTDOWN_GRACE_SECONDS`), then closes the clients. */
    async close() {
      await drainHttpServer(server, config.http.shutdownGraceMs);
      await ownConnection?.close();
      await database.close();
    },
  };
}

async function main(): Promise<void> {
  const api = await startApi(loadConfig());
  const shutdown = (signal: NodeJS.Signals) => {
    api.deps.logger.info({ signal }, 'API draining');
    api.close().then(
      () => {
        api.deps.logger.info('API stopped');
        process.exit(0);
      },
      (error: unknown) => {
        api.deps.logger.error({ err: error }, 'API shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
