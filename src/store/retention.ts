import { utcDay } from '../domain/utc-day.js';
import type { Collections } from './database.js';

const DAY_MS = 86_400_000;

/**
 * What the service stops keeping after a while, run periodically by the worker (idempotent, so every
 * worker may run it): AI logs' prompt text after `ttlDays`, and the action-quota counts of past days.
 * An update rather than a TTL index: a TTL index deletes whole documents (the logs' metadata stays),
 * and FerretDB 1.24 has none. Returns how many AI logs it emptied.
 */
export async function purgeExpired(
  collections: Pick<Collections, 'aiLogs' | 'agentActionRuns'>,
  ttlDays: number,
  now = new Date(),
): Promise<number> {
  const [emptied] = await Promise.all([
    purgeExpiredPrompts(collections.aiLogs, ttlDays, now),
    collections.agentActionRuns.deleteMany({ day: { $lt: utcDay(now) } }),
  ]);
  return emptied;
}

/**
 * Empties the prompt text (system prompt, history, knowledge chunks) of AI logs older than `ttlDays`;
 * outcome, reason, model, tokens, latency, reply and actions stay.
 */
export async function purgeExpiredPrompts(
  aiLogs: Collections['aiLogs'],
  ttlDays: number,
  now = new Date(),
): Promise<number> {
  const result = await aiLogs.updateMany(
    { createdAt: { $lt: new Date(now.getTime() - ttlDays * DAY_MS) }, promptRemovedAt: { $exists: false } },
    { $set: { prompt: [], knowledgeChunks: [], promptRemovedAt: now } },
  );
  return result.modifiedCount;
}
