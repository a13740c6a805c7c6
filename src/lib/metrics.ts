import { createServer, type Server } from 'node:http';
import type { Context, Next } from 'koa';
import type { CommandStartedEvent } from 'mongodb';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of the API and the worker (names in docs/operations.md, dashboard in
 * docs/grafana-dashboard.json). Each process role has its own registry, so an API and a worker in
 * one process (the tests) keep theirs apart; both carry the Node process metrics.
 */
function newRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Requests the API answered, by method, route template and status, and how long they took. */
export class HttpMetrics {
  readonly registry = newRegistry();
  private readonly requests = new Counter({
    name: 'convo_pilot_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'convo_pilot_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /**
   * Counts every request once answered. The route is the matched route's template
   * (`/v1/conversations/{conversationId}`), never the raw path, so ids do not multiply the series;
   * requests no route matched count as `unmatched`.
   */
  middleware() {
    return async (ctx: Context, next: Next): Promise<void> => {
      const start = process.hrtime.bigint();
      let failed = false;
      try {
        await next();
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        const matched: unknown = (ctx as { _matchedRoute?: unknown })._matchedRoute;
        const labels = {
          method: ctx.method,
          route: typeof matched === 'string' ? matched.replace(/:(\w+)/g, '{$1}') : 'unmatched',
          status: String(failed ? 500 : ctx.status),
        };
        this.requests.inc(labels);
        this.duration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
      }
    };
  }
}

/** What the worker's activities did: replies, their outcomes, takeovers, provider errors, tokens. */
export class WorkerMetrics {
  readonly registry = newRegistry();
  readonly repliesSent = this.counter(
    'convo_pilot_replies_sent_total',
    'Replies delivered to the channel, by author (ai, or a person through the workflow).',
    ['author'],
  );
  readonly repliesSkipped = this.counter(
    'convo_pilot_replies_skipped_total',
    'Reply turns the rules skipped, by reason.',
    ['reason'],
  );
  readonly repliesFailed = this.counter(
    'convo_pilot_replies_failed_total',
    'Replies that failed for good, by stage (generation, delivery).',
    ['stage'],
  );
  readonly takeovers = this.counter('convo_pilot_takeovers_total', 'Human takeovers (the bot paused by a person).');
  readonly providerErrors = this.counter(
    'convo_pilot_provider_errors_total',
    'Failed LLM provider calls, by kind (retryable: retried by Temporal; final; insufficient_quota).',
    ['kind'],
  );
  readonly tokens = this.counter(
    'convo_pilot_llm_tokens_total',
    'Tokens the LLM provider reported, by model and type (prompt, completion).',
    ['model', 'type'],
  );

  private counter<Label extends string>(name: string, help: string, labelNames: readonly Label[] = []) {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}

/** What the MongoDB driver tells of each command it sends (`monitorCommands: true`). */
interface CommandMonitor {
  on(event: 'commandStarted', listener: (event: CommandStartedEvent) => void): unknown;
}

/** The driver's own handshakes and heartbeats: not the service's store calls. */
const CONNECTION_COMMANDS = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'saslStart',
  'saslContinue',
  'endSessions',
]);

/**
 * Counts the store round trips a process makes, by command and collection
 * (`convo_pilot_store_commands_total`): what a request or a reply turn costs in store calls.
 */
export function countStoreCommands(client: CommandMonitor, registry: Registry): void {
  const commands = new Counter({
    name: 'convo_pilot_store_commands_total',
    help: 'Commands sent to MongoDB (store round trips), by command and collection.',
    labelNames: ['command', 'collection'] as const,
    registers: [registry],
  });
  client.on('commandStarted', ({ commandName, command }) => {
    if (CONNECTION_COMMANDS.has(commandName)) return;
    const target: unknown = (command as Record<string, unknown>)[commandName];
    commands.inc({ command: commandName, collection: typeof target === 'string' ? target : '' });
  });
}

/**
 * Serves `GET /metrics` on `port` (0: any free port): the registry's metrics, followed by those
 * `more()` answers (the Temporal SDK's own, from its runtime's exporter).
 */
export async function serveMetrics(
  registry: Registry,
  port: number,
  host: string,
  more: () => Promise<string> = () => Promise.resolve(''),
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found; see /metrics\n');
      return;
    }
    Promise.all([registry.metrics(), more()]).then(
      ([own, extra]) => response.writeHead(200, { 'content-type': registry.contentType }).end(`${own}\n${extra}`),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/metrics`;
  return { server, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
