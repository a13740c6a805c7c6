/**
 * `npm start`: the whole service on one machine. Without TEMPORAL_ADDRESS / MONGODB_URI it first
 * starts the embedded local stack (PostgreSQL + FerretDB + Temporal dev server with its UI, state in
 * .state/local); then the worker and the API as two processes, as in production. Ctrl-C stops all.
 */
import exitHook from 'async-exit-hook';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SecretBox } from '../src/lib/secret-box.js';
import { defaultPorts, startLocalStack, stopProcess, type LocalStack } from './stack/local-stack.js';

const root = resolve(import.meta.dirname, '..');
const stateDir = resolve(process.env.CONVO_PILOT_STATE_DIR ?? join(root, '.state', 'local'));
const apiPort = Number(process.env.PORT ?? 3000);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const log = (message: string) => process.stderr.write(`[start] ${message}\n`);

/**
 * Development only: a secret generated once per local state folder and kept there, so encrypted
 * secrets and issued admin JWTs survive restarts.
 */
function localSecret(name: string, generate: () => string): string {
  const file = join(stateDir, name);
  if (!existsSync(file)) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, generate(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function waitForReady(url: string, children: ChildProcess[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some((child) => child.exitCode !== null))
      throw new Error('the API or the worker exited during start-up');
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url}/ready did not answer 200 within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const external = { temporal: process.env.TEMPORAL_ADDRESS, mongo: process.env.MONGODB_URI };
  if (Boolean(external.temporal) !== Boolean(external.mongo)) {
    throw new Error(
      'Set both TEMPORAL_ADDRESS and MONGODB_URI to use external servers, or neither for the local stack.',
    );
  }
  let stack: LocalStack | undefined;
  if (!external.temporal) {
    log(`starting the local stack (state in ${stateDir})`);
    stack = await startLocalStack({ stateDir, ports: defaultPorts, codecEndpoint: `${apiUrl}/codec` });
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    // The local stack is for trying things on one machine, where hook receivers listen on localhost
    // (npm run hook-receiver): private targets are allowed here, and only here, unless told otherwise.
    OUTBOUND_ALLOW_PRIVATE_NETWORK: process.env.OUTBOUND_ALLOW_PRIVATE_NETWORK ?? (stack ? 'true' : undefined),
    LOG_PRETTY: process.env.LOG_PRETTY ?? String(Boolean(process.stdout.isTTY)),
    PORT: String(apiPort),
    TEMPORAL_ADDRESS: external.temporal ?? stack!.temporalAddress,
    MONGODB_URI: external.mongo ?? stack!.mongodbUri,
    LOCAL_STACK_POSTGRES_URL: stack?.postgresUrl,
    SECRETS_KEYS:
      process.env.SECRETS_KEYS ??
      (stack ? localSecret('secrets-keys', () => SecretBox.generateKeySpec('local')) : undefined),
    ADMIN_JWT_SECRET:
      process.env.ADMIN_JWT_SECRET ??
      (stack ? localSecret('admin-jwt-secret', () => randomBytes(32).toString('base64url')) : undefined),
    // The local Temporal UI calls the API's codec endpoint from the browser.
    TEMPORAL_CODEC_CORS_ORIGINS: process.env.TEMPORAL_CODEC_CORS_ORIGINS ?? stack?.temporalUiUrl,
    TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL ?? stack?.temporalUiUrl,
  };

  const children = ['src/worker.ts', 'src/server.ts'].map((entry) =>
    spawn(process.execPath, ['--import', 'tsx', join(root, entry)], { env, stdio: 'inherit' }),
  );
  // Ctrl-C / SIGTERM: async-exit-hook waits for this to finish before the process exits, so nothing
  // we started is left running.
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      log('stopping…');
      await Promise.all(children.map((child) => stopProcess(child)));
      await stack?.stop();
    })());
  exitHook((done) => void stopAll().finally(done));
  for (const child of children) {
    child.once('exit', (code) => {
      if (stopping) return;
      log(`a service process exited with code ${code}; stopping the rest`);
      void stopAll().then(() => process.exit(code || 1));
    });
  }

  try {
    await waitForReady(apiUrl, children);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    await stopAll();
    process.exit(1);
  }
  const lines = [
    '',
    'convo-pilot is running',
    `  API           ${apiUrl}`,
    `  API docs      ${apiUrl}/docs   (OpenAPI document: ${apiUrl}/openapi.json)`,
    `  Console       ${apiUrl}/console   (sign in with an API key or an admin JWT)`,
    `  Temporal UI   ${stack?.temporalUiUrl ?? `(your Temporal server at ${env.TEMPORAL_ADDRESS})`}`,
    `  MongoDB       ${env.MONGODB_URI}${stack ? '   (FerretDB on embedded PostgreSQL)' : ''}`,
    '',
    'Create an organization and its admin API key:  npm run admin -- create-org --name "Acme"',
    ...(stack
      ? [
          'An admin JWT (or use the admin API key):       ' +
            `ADMIN_JWT_SECRET=$(cat ${join(stateDir, 'admin-jwt-secret')}) npm run admin -- issue-admin-jwt --org <id> --sub you@example.com`,
          'Payloads are encrypted; to read them in the Temporal UI sign in once at ' +
            `${apiUrl}/codec/session (any user name; password: ` +
            `ADMIN_JWT_SECRET=$(cat ${join(stateDir, 'admin-jwt-secret')}) npm run -s admin -- issue-operator-token --sub you@example.com)` +
            ' and switch on "Include cross-origin credentials" in the UI\'s codec server settings (docs/operations.md).',
        ]
      : []),
    'Ctrl-C stops everything started here.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
