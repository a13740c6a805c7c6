import {
  MongoClient,
  MongoServerError,
  type Collection,
  type Db,
  type Document,
  type Filter,
  type OptionalUnlessRequiredId,
} from 'mongodb';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  AgentActionRuns,
  AiLog,
  AiSettingsDocument,
  ApiKey,
  ChannelAccount,
  ChatAiSettingsDocument,
  Contact,
  Conversation,
  Message,
  Organization,
  TokenUsage,
  WebhookDelivery,
  WebhookSubscription,
} from '../domain/model.js';
import type { Agent, AgentAction, Calendar, KnowledgeBase, KnowledgeChunk, Suggestion } from '../domain/agent.js';
import type { AuditEntry } from '../domain/audit.js';
import { mirrorFerretdbIndexes } from './ferretdb-indexes.js';

/** The MongoDB collections, typed. One instance per process, created at start-up and passed in. */
export interface Collections {
  organizations: Collection<Organization>;
  apiKeys: Collection<ApiKey>;
  channelAccounts: Collection<ChannelAccount>;
  contacts: Collection<Contact>;
  conversations: Collection<Conversation>;
  messages: Collection<Message>;
  aiLogs: Collection<AiLog>;
  aiTokenUsage: Collection<TokenUsage>;
  aiSettings: Collection<AiSettingsDocument>;
  chatAiSettings: Collection<ChatAiSettingsDocument>;
  webhookSubscriptions: Collection<WebhookSubscription>;
  webhookDeliveries: Collection<WebhookDelivery>;
  agents: Collection<Agent>;
  agentActions: Collection<AgentAction>;
  agentActionRuns: Collection<AgentActionRuns>;
  knowledgeBases: Collection<KnowledgeBase>;
  knowledgeChunks: Collection<KnowledgeChunk>;
  calendars: Collection<Calendar>;
  suggestions: Collection<Suggestion>;
  counters: Collection<{ _id: string; seq: number }>;
  auditLog: Collection<AuditEntry>;
}

export interface Database {
  client: MongoClient;
  db: Db;
  collections: Collections;
  close(): Promise<void>;
}

export async function connectDatabase(uri: string, dbName: string): Promise<Database> {
  // monitorCommands: the store round trips are counted in the metrics (countStoreCommands).
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000, monitorCommands: true });
  const db = client.db(dbName);
  const collections: Collections = {
    organizations: db.collection('organizations'),
    apiKeys: db.collection('api_keys'),
    channelAccounts: db.collection('channel_accounts'),
    contacts: db.collection('contacts'),
    conversations: db.collection('conversations'),
    messages: db.collection('messages'),
    aiLogs: db.collection('ai_logs'),
    aiTokenUsage: db.collection('ai_token_usage'),
    aiSettings: db.collection('ai_settings'),
    chatAiSettings: db.collection('chat_ai_settings'),
    webhookSubscriptions: db.collection('webhook_subscriptions'),
    webhookDeliveries: db.collection('webhook_deliveries'),
    agents: db.collection('agents'),
    agentActions: db.collection('agent_actions'),
    agentActionRuns: db.collection('agent_action_runs'),
    knowledgeBases: db.collection('knowledge_bases'),
    knowledgeChunks: db.collection('knowledge_chunks'),
    calendars: db.collection('calendars'),
    suggestions: db.collection('suggestions'),
    counters: db.collection('counters'),
    auditLog: db.collection('audit_log'),
  };
  return { client, db, collections, close: () => client.close() };
}

export interface IndexOptions {
  /**
   * FerretDB's PostgreSQL on the local stack (LOCAL_STACK_POSTGRES_URL): the indexes are mirrored
   * there as indexes FerretDB's queries can use (ferretdb-indexes.ts). Unset on MongoDB.
   */
  localStackPostgresUrl?: string;
}

/**
 * Indexes every query path needs. Idempotent; run by the worker and API at start. Only plain and
 * unique compound indexes: they work on MongoDB and on FerretDB 1.24 alike.
 */
export async function ensureIndexes(database: Database, options: IndexOptions = {}): Promise<void> {
  const { db, collections: c } = database;
  await Promise.all([
    ensureRateLimitIndexes(db),
    c.apiKeys.createIndex({ keyHash: 1 }, { unique: true }),
    c.apiKeys.createIndex({ organizationId: 1, createdAt: -1 }),
    c.channelAccounts.createIndex({ organizationId: 1, createdAt: -1 }),
    c.contacts.createIndex({ organizationId: 1, channelAccountId: 1, externalId: 1 }, { unique: true }),
    c.contacts.createIndex({ organizationId: 1, number: 1 }, { unique: true }),
    c.contacts.createIndex({ organizationId: 1, phone: 1 }),
    c.contacts.createIndex({ organizationId: 1, email: 1 }),
    c.conversations.createIndex({ organizationId: 1, channelAccountId: 1, chatId: 1 }, { unique: true }),
    c.conversations.createIndex({ organizationId: 1, number: 1 }, { unique: true }),
    c.conversations.createIndex({ organizationId: 1, lastMessageAt: -1 }),
    c.messages.createIndex({ conversationId: 1, createdAt: -1 }),
    // Native channels find a sent message by the provider's id (status reports, echoes of our sends).
    c.messages.createIndex({ channelAccountId: 1, channelMessageId: 1 }),
    c.aiLogs.createIndex({ organizationId: 1, conversationId: 1, createdAt: -1 }),
    // The prompt-text purge walks the logs by age (see purgeExpiredPrompts).
    c.aiLogs.createIndex({ createdAt: 1 }),
    c.webhookSubscriptions.createIndex({ organizationId: 1, channelAccountId: 1 }),
    c.webhookDeliveries.createIndex({ organizationId: 1, channelAccountId: 1, createdAt: -1 }),
    c.agents.createIndex({ organizationId: 1, _id: 1 }),
    c.agents.createIndex({ organizationId: 1, isPrimary: 1 }),
    c.agentActions.createIndex({ organizationId: 1, agentId: 1 }),
    c.knowledgeChunks.createIndex({ organizationId: 1, knowledgeBaseId: 1, ordinal: 1 }),
    c.suggestions.createIndex({ organizationId: 1, conversationId: 1, createdAt: -1 }),
    c.auditLog.createIndex({ organizationId: 1, _id: -1 }),
  ]);
  if (options.localStackPostgresUrl) {
    // Every collection exists from now on, so its `_id` index is mirrored too, not only those of
    // the collections an index was declared on.
    await createMissingCollections(database);
    await mirrorFerretdbIndexes(options.localStackPostgresUrl, db.databaseName);
  }
}

async function createMissingCollections({ db, collections }: Database): Promise<void> {
  const listed = await db.listCollections({}, { nameOnly: true }).toArray();
  const existing = new Set(listed.map(({ name }) => name));
  const names: string[] = Object.values(collections).map(
    (collection: Collection<Document>) => collection.collectionName,
  );
  for (const collectionName of names) {
    if (existing.has(collectionName)) continue;
    try {
      await db.createCollection(collectionName);
    } catch (error) {
      // Created meanwhile by another process starting (NamespaceExists).
      if (!(error instanceof MongoServerError && error.code === 48)) throw error;
    }
  }
}

/** The rate limiter's counters (written by rate-limiter-flexible, see api/rate-limit.ts). */
export const RATE_LIMITS_COLLECTION = 'rate_limits';

/**
 * The rate limiter's counters (rate-limiter-flexible's layout): unique per key, and removed by a TTL
 * index once expired. FerretDB 1.24 has no TTL indexes; there the limiter still ignores expired
 * counters and overwrites them, they are just not deleted.
 */
async function ensureRateLimitIndexes(db: Db): Promise<void> {
  const counters = db.collection(RATE_LIMITS_COLLECTION);
  await counters.createIndex({ key: 1 }, { unique: true });
  try {
    await counters.createIndex({ expire: -1 }, { expireAfterSeconds: 0 });
  } catch (error) {
    if (!(error instanceof MongoServerError && /expireAfterSeconds/.test(error.message))) throw error;
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Inserts tried by `insertUnlessExists` before it gives up on fresh sequence numbers colliding. */
const INSERT_ATTEMPTS = 10;

/**
 * Inserts `create()` for a `filter` just looked up and not found. Two concurrent callers race on a
 * unique index; the loser gets the winner's document (no transactions needed).
 *
 * A duplicate key with no winner for `filter` is another unique key: a sequence number handed out
 * twice (by another process on FerretDB, whose `$inc` is not atomic; see SequenceAllocator).
 * `create()` is called again for a new number, after a random pause so that the callers that
 * collided do not collide again.
 */
export async function insertUnlessExists<T extends { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  create: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const document = await create();
    try {
      await collection.insertOne(document as OptionalUnlessRequiredId<T>);
      return document;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await collection.findOne(filter);
      if (winner) return winner as T;
      if (attempt === INSERT_ATTEMPTS) throw error;
      await delay(Math.random() * 20 * attempt);
    }
  }
}
