import type { Client } from '@temporalio/client';
import type { Config } from '../config.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { EventPublisher } from '../engine/event-publisher.js';
import type { Logger } from '../lib/logger.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Collections, Database } from '../store/database.js';
import type { RateLimitCounters } from '../store/rate-limit-counters.js';
import type { ApiRecentReads } from '../store/recent-reads.js';

/** What the HTTP layer is built from: created once at start-up and shared by every request. */
export interface ApiDeps {
  config: Config;
  logger: Logger;
  database: Database;
  collections: Collections;
  temporal: Client;
  engine: ConversationEngine;
  /** Webhook events the API itself causes (`message.received`). */
  events: EventPublisher;
  secretBox: SecretBox;
  /** The request counters shared by every API process (route rate limits). */
  rateLimitCounters: RateLimitCounters;
  /** API keys, channel accounts and webhook subscriptions read a moment ago (this process's). */
  recentReads: ApiRecentReads;
}
