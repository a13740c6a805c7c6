import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('rate limits on the open/close route (seed 003)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      RATE_LIMIT_CONVERSATION_STATUS_POINTS: '3',
      RATE_LIMIT_CONVERSATION_STATUS_WINDOW_SECONDS: '60',
    });
  });
  afterAll(() => h?.close());

  const status = (key?: string) =>
    h.request('post', '/contact/id:404404/conversation/status', { body: { status: 'open' }, key });

  it('counts every request per organization, sets the headers on each answer and answers 429 with Retry-After past the limit', async () => {
    const answers = [await status(), await status(), await status()];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(answers.map((a) => a.headers.get('x-ratelimit-limit'))).toEqual(['3', '3', '3']);
    expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0']);

    const limited = await status();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 429, message: 'Too Many Requests' });
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Counters are per organization, kept in MongoDB (shared by every API process).
    const other = await createOrganization(h.collections, { name: 'Other org' });
    expect((await status(other.adminKey.key)).status).toBe(404);
    expect(await h.api.deps.database.db.collection('rate_limits').countDocuments({})).toBe(2);
  });
});
