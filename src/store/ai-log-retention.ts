import type { Collections } from './database.js';

const DAY_MS = 86_400_000;

/**
 * Removes the prompt text (system prompt, history, knowledge chunks) of AI logs older than `ttlDays`;
 * outcome, reason, model, tokens, latency, reply and actions stay. A periodic update rather than a
 * TTL index: a TTL index deletes whole documents, and FerretDB 1.24 has none. Idempotent, so every
 * worker may run it. Returns how many logs it emptied.
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
