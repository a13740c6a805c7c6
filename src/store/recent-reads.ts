import type { ApiKey, ChannelAccount, Contact, WebhookEventType } from '../domain/model.js';

export interface RecentReadsSettings {
  /** How long a read is reused; 0 turns the cache off (every read asks the store). */
  ttlMs: number;
  /** At most this many entries per cache; the least recently used goes first. */
  maxEntries: number;
}

/**
 * What this process read from the store a moment ago, for the reads every API request repeats and
 * that rarely change: kept `ttlMs` (a few seconds), at most `maxEntries` (least recently used
 * dropped first). A change made through this process forgets the entry at once; one made by another
 * process is seen within `ttlMs` (docs/operations.md). Only what was found is kept: a miss always
 * asks the store again. Entries are frozen: a caller changing one would change every later read.
 *
 * A Map in insertion order is the LRU list (a hit moves its key to the end). `lru-cache` would do
 * the same, but adding it would have changed far more than itself in the shared install.
 */
export class RecentReads<V extends object> {
  private readonly entries = new Map<string, { value: Readonly<V>; expiresAt: number }>();
  /** Bumped by every forget: a read that started before a change must not keep what it found. */
  private generation = 0;

  constructor(
    private readonly settings: RecentReadsSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The entry for `key` if read within the TTL, else `load()`'s answer (kept when found). */
  async read(key: string, load: () => Promise<V | null>): Promise<Readonly<V> | null> {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      if (entry.expiresAt > this.now()) {
        this.entries.set(key, entry);
        return entry.value;
      }
    }
    const generation = this.generation;
    const value = await load();
    return value !== null && generation === this.generation ? this.keep(key, value) : value;
  }

  /** Keeps `value` for `key` as if just read (what this process has just written). */
  keep(key: string, value: V): Readonly<V> {
    if (this.settings.ttlMs <= 0) return value;
    this.entries.delete(key);
    this.entries.set(key, { value: Object.freeze(value), expiresAt: this.now() + this.settings.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.settings.maxEntries) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Forgets `key` (it changed, or is about to). */
  forget(key: string): void {
    this.generation += 1;
    this.entries.delete(key);
  }

  /** Forgets every entry whose value matches (a change by a filter, e.g. an account's tokens). */
  forgetWhere(matches: (value: Readonly<V>) => boolean): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Which events an organization's subscription wants, on which account: all `anyWants` needs. */
export type SubscribedEvents = { channelAccountId: string; events: WebhookEventType[] };

/** Which conversation a chat has: it never changes once the chat's conversation exists. */
export interface ChatConversation {
  conversationId: string;
}

/** An organization's subscriptions, or `complete: false` when it has more than are kept. */
export interface OrganizationSubscriptions {
  complete: boolean;
  subscriptions: SubscribedEvents[];
}

/**
 * The API process's recent reads: the caller's API key (by hash), the channel account a request
 * names (by organization and id, so one tenant's key never finds another's account), the
 * organizations' webhook subscriptions (whether an event has a listener), and for ingest the
 * contact a channel identity names and which conversation a chat has. One per API process, shared
 * by every repository that reads or changes these, so a change forgets what was read.
 */
export interface ApiRecentReads {
  apiKeys: RecentReads<ApiKey>;
  channelAccounts: RecentReads<ChannelAccount>;
  subscriptions: RecentReads<OrganizationSubscriptions>;
  contacts: RecentReads<Contact>;
  chatConversations: RecentReads<ChatConversation>;
}

/** A chat's conversation never changes (conversations are neither deleted nor moved): kept longer. */
const CHAT_CONVERSATION_KEPT_MS = 3_600_000;

export function createApiRecentReads(settings: RecentReadsSettings): ApiRecentReads {
  return {
    apiKeys: new RecentReads(settings),
    channelAccounts: new RecentReads(settings),
    subscriptions: new RecentReads(settings),
    contacts: new RecentReads(settings),
    chatConversations: new RecentReads({
      ...settings,
      ttlMs: settings.ttlMs > 0 ? CHAT_CONVERSATION_KEPT_MS : 0,
    }),
  };
}
