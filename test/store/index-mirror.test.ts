import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, ensureIndexes, type Database } from '../../src/store/database.js';
import { mirrorFerretdbIndexes } from '../../src/store/ferretdb-indexes.js';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** FerretDB's explain answers PostgreSQL's plan of the query it runs. */
async function planOf(explained: Promise<unknown>): Promise<PlanNode> {
  return ((await explained) as { queryPlanner: { Plan: PlanNode } }).queryPlanner.Plan;
}

const nodesOf = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];

/** The index scans of a plan, as `Node Type on Index Name`. */
const indexScans = (plan: PlanNode) =>
  nodesOf(plan)
    .filter((node) => node['Index Name'])
    .map((node) => `${node['Node Type']} on ${node['Index Name']}`);

describe('the local store answers by index (FerretDB indexes mirrored as GIN indexes)', () => {
  const stack = inject('stack');
  let database: Database;
  let postgres: pg.Client;
  const organizationId = 'org-1';

  /** The mirrored indexes of a database's tables in FerretDB's PostgreSQL. */
  async function mirrors(databaseName: string): Promise<string[]> {
    const { rows } = await postgres.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE '%_cpgin' ORDER BY 1",
      [databaseName],
    );
    return rows.map((row) => row.indexname);
  }

  beforeAll(async () => {
    database = await connectDatabase(stack.mongodbUri, `test_index_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(database, { localStackPostgresUrl: stack.postgresUrl });
    postgres = new pg.Client({ connectionString: stack.postgresUrl });
    await postgres.connect();
    const { messages, conversations } = database.collections;
    await messages.insertMany(
      Array.from({ length: 3_000 }, (_, i) => ({
        _id: `message-${i}`,
        organizationId,
        conversationId: `conversation-${i % 100}`,
        channelAccountId: 'account-1',
        direction: 'inbound' as const,
        author: 'contact' as const,
        kind: 'text' as const,
        text: `message ${i} with some ordinary length of text in it`,
        channelMessageId: `wamid-${i}`,
        deliveryStatus: 'received' as const,
        createdAt: new Date(Date.now() + i),
        sentAt: null,
      })),
    );
    await conversations.insertMany(
      Array.from({ length: 500 }, (_, i) => ({
        _id: `conversation-${i}`,
        organizationId: `org-${i % 5}`,
        number: i + 1,
        channelAccountId: 'account-1',
        contactId: `contact-${i}`,
        chatId: `chat-${i}`,
        chatType: 'private' as const,
        status: 'open' as const,
        aiEnabled: true,
        aiAgentActive: true,
        lastMessageAt: new Date(),
        createdAt: new Date(),
      })),
    );
  });

  afterAll(async () => {
    await postgres?.end();
    await database?.db.dropDatabase();
    await database?.close();
  });

  it('finds the last messages of a conversation by a GIN index scan, not a sequential scan', async () => {
    const plan = await planOf(
      database.collections.messages
        .find({ organizationId, conversationId: 'conversation-7' })
        .sort({ createdAt: -1 })
        .limit(20)
        .explain(),
    );
    expect(nodesOf(plan).map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(indexScans(plan)).toEqual([
      expect.stringMatching(/^Bitmap Index Scan on messages_\w+_conversationid_\w+_cpgin$/),
    ]);
  });

  it('finds a conversation by organization and id by an index scan', async () => {
    const plan = await planOf(
      database.collections.conversations.find({ _id: 'conversation-42', organizationId: 'org-2' }).explain(),
    );
    expect(nodesOf(plan).map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(indexScans(plan).join()).toMatch(/Bitmap Index Scan on conversations_\w+_(id|organizationid)_\w+_cpgin/);
  });

  it('mirrors the _id index of collections no index was declared on, created at start-up', async () => {
    const plan = await planOf(database.collections.organizations.find({ _id: 'nobody' }).explain());
    expect(indexScans(plan)).toEqual([expect.stringMatching(/^Bitmap Index Scan on organizations_\w+_id_\w+_cpgin$/)]);
  });

  it('keeps the mirrors in step with the indexes: added, dropped, and idempotent', async () => {
    const { messages } = database.collections;
    const before = await mirrors(database.db.databaseName);
    expect(await mirrorFerretdbIndexes(stack.postgresUrl, database.db.databaseName)).toEqual(
      expect.arrayContaining(before),
    );
    expect(await mirrors(database.db.databaseName)).toEqual(before);

    await messages.createIndex({ sentAt: 1 });
    await mirrorFerretdbIndexes(stack.postgresUrl, database.db.databaseName);
    const added = (await mirrors(database.db.databaseName)).filter((name) => !before.includes(name));
    expect(added).toEqual([expect.stringMatching(/^messages_\w+_sentat_\w+_cpgin$/)]);

    await messages.dropIndex('sentAt_1');
    await mirrorFerretdbIndexes(stack.postgresUrl, database.db.databaseName);
    expect(await mirrors(database.db.databaseName)).toEqual(before);
  });

  it('makes PostgreSQL plan each execution with its field names (custom plans), which the mirrors need', async () => {
    const { rows } = await postgres.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
    expect(rows[0]?.plan_cache_mode).toBe('force_custom_plan');
  });

  it('mirrors nothing without the local stack setting (MongoDB)', async () => {
    const plain = await connectDatabase(stack.mongodbUri, `test_plain_${randomUUID().slice(0, 8)}`);
    try {
      await ensureIndexes(plain);
      expect(await mirrors(plain.db.databaseName)).toEqual([]);
    } finally {
      await plain.db.dropDatabase();
      await plain.close();
    }
  });
});
