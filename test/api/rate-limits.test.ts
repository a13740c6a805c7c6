import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/usecases/api-keys.js';
import type { ApiAnswer } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  fixture,
  providerCredentials,
  startProviderStandIns,
  type ProviderStandIns,
} from '../support/provider-stand-ins.js';

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

/**
 * Ingest, the AI test routes and seed 004's writes: limited per organization and per channel
 * account, each refusal in its surface's own error body, nothing stored or sent for it, and
 * another organization unaffected. Limits are small here; the production defaults are in README.
 */
describe('rate limits on ingest, the AI test routes and conversation-ai writes', () => {
  let h: Harness;
  let first: { id: string; account_token: string };
  let second: { id: string; account_token: string };
  let other: { adminKey: string; account: { id: string; account_token: string } };

  beforeAll(async () => {
    h = await startHarness({
      RATE_LIMIT_INGEST_ORGANIZATION_POINTS: '3',
      RATE_LIMIT_INGEST_ACCOUNT_POINTS: '2',
      RATE_LIMIT_INGEST_WINDOW_SECONDS: '60',
      RATE_LIMIT_AI_TEST_ORGANIZATION_POINTS: '3',
      RATE_LIMIT_AI_TEST_ACCOUNT_POINTS: '2',
      RATE_LIMIT_AI_TEST_WINDOW_SECONDS: '60',
      RATE_LIMIT_CONVERSATION_AI_WRITE_POINTS: '2',
      RATE_LIMIT_CONVERSATION_AI_WRITE_WINDOW_SECONDS: '60',
    });
    first = await h.createChannelAccount('First');
    second = await h.createChannelAccount('Second');
    const created = await createOrganization(h.collections, { name: 'Unaffected org' });
    other = {
      adminKey: created.adminKey.key,
      account: await h.createChannelAccount('Other org account', created.adminKey.key),
    };
  });
  afterAll(() => h?.close());

  const inbound = (account: { account_token: string; id: string }, id: string) =>
    h.request('post', `/v1/accounts/${account.id}/messages`, {
      bearer: account.account_token,
      body: { message_id: `wamid.${id}`, from: { id: `from-${id}` }, text: 'Hello' },
    });
  const expectRefused = (answer: ApiAnswer, window: number) => {
    expect(answer.status).toBe(429);
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(window);
  };

  it('ingest: per channel account, then per organization; refused messages are neither stored nor answered', async () => {
    const accepted = [await inbound(first, 'a1'), await inbound(first, 'a2')];
    expect(accepted.map((a) => a.status)).toEqual([202, 202]);
    expect(accepted.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['1', '0']);

    const overAccount = await inbound(first, 'a3');
    expectRefused(overAccount, 60);
    expect(overAccount.body).toEqual({ error: { code: 'too_many_requests', message: 'Too Many Requests' } });
    expect(overAccount.headers.get('x-ratelimit-limit')).toBe('2');

    // The refused account spent none of its organization's points: the second account still gets one.
    expect((await inbound(second, 'b1')).status).toBe(202);
    const overOrganization = await inbound(second, 'b2');
    expectRefused(overOrganization, 60);
    expect(overOrganization.headers.get('x-ratelimit-limit')).toBe('3');

    expect((await inbound(other.account, 'c1')).status).toBe(202);

    await eventually(() => expect(h.hook.sends()).toHaveLength(4));
    const refusedIds = ['wamid.a3', 'wamid.b2'];
    expect(await h.collections.messages.countDocuments({ channelMessageId: { $in: refusedIds } })).toBe(0);
    expect(await h.collections.contacts.countDocuments({ externalId: { $in: ['from-a3', 'from-b2'] } })).toBe(0);
    expect(h.hook.sends().map((s) => s.chat_id)).not.toContain('from-a3');
  });

  it('AI test routes: per account token, then per organization; a refused test calls no provider and logs nothing', async () => {
    const chatTest = () =>
      h.request('post', '/v1/ai/chat/test', { bearer: first.account_token, body: { message: 'Hi' } });
    const adminTest = (key?: string, accountId?: string) =>
      h.request('post', '/v1/ai/admin/test', {
        key,
        body: { message: 'Hi', ...(accountId ? { account_id: accountId } : {}) },
      });
    expect((await chatTest()).status).toBe(200);
    expect((await chatTest()).status).toBe(200);
    const providerCalls = h.llm.requests.length;
    const testLogs = await h.collections.aiLogs.countDocuments({ origin: 'test' });

    const overAccount = await chatTest();
    expectRefused(overAccount, 60);
    expect(overAccount.body).toEqual({ error: { code: 'too_many_requests', message: 'Too Many Requests' } });
    expect((await adminTest(undefined, second.id)).status).toBe(200);
    const overOrganization = await adminTest();
    expectRefused(overOrganization, 60);

    expect(h.llm.requests.length).toBe(providerCalls + 1);
    expect(await h.collections.aiLogs.countDocuments({ origin: 'test' })).toBe(testLogs + 1);
    expect((await adminTest(other.adminKey)).status).toBe(200);
  });

  it('conversation-ai writes: per organization, in the NestJS body without X-RateLimit headers; reads stay open', async () => {
    const createAgent = (key?: string, name = 'Ava') =>
      h.request('post', '/conversation-ai/agents', {
        key,
        headers: { version: '2021-04-15' },
        body: { name, personality: 'Kind', goal: 'Help', instructions: 'Be brief' },
      });
    expect((await createAgent(undefined, 'Ava')).status).toBe(201);
    expect((await createAgent(undefined, 'Bea')).status).toBe(201);
    const refused = await createAgent(undefined, 'Cleo');
    expectRefused(refused, 60);
    expect(refused.body).toEqual({ statusCode: 429, message: 'Too Many Requests', error: 'Too Many Requests' });
    expect(refused.headers.get('x-ratelimit-limit')).toBeNull();
    expect(await h.collections.agents.countDocuments({ organizationId: h.organizationId })).toBe(2);

    const search = await h.request('get', '/conversation-ai/agents/search', { headers: { version: '2021-04-15' } });
    expect(search.status).toBe(200);
    expect((await createAgent(other.adminKey, 'Dora')).status).toBe(201);
  });
});

/**
 * Native channel webhooks: limited per channel account before the proof is checked (no
 * organization is known yet), so a flood at one account's URL costs no lookup and leaves the
 * other accounts alone. The refused update is not stored; the provider retries it.
 */
describe('rate limits on native channel webhooks', () => {
  let h: Harness;
  let providers: ProviderStandIns;

  beforeAll(async () => {
    h = await startHarness({
      RATE_LIMIT_NATIVE_WEBHOOK_ACCOUNT_POINTS: '2',
      RATE_LIMIT_NATIVE_WEBHOOK_WINDOW_SECONDS: '60',
    });
    providers = await startProviderStandIns();
  });
  afterAll(async () => {
    await h?.close();
    await providers?.close();
  });

  const createTelegramAccount = async (name: string) => {
    const created = await h.request('post', '/v1/accounts', {
      body: { name, type: 'telegram', telegram: { ...providerCredentials.telegram, api_base_url: providers.url } },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; webhook_path: string };
  };
  /** Telegram's documented update, as a new message of its own. */
  const update = (messageId: number) => {
    const body = JSON.parse(fixture('telegram-update')) as { update_id: number; message: { message_id: number } };
    return JSON.stringify({ ...body, update_id: messageId, message: { ...body.message, message_id: messageId } });
  };
  const post = (account: { webhook_path: string }, messageId: number) =>
    h.request('post', account.webhook_path, {
      rawBody: update(messageId),
      key: null,
      headers: { 'x-telegram-bot-api-secret-token': providerCredentials.telegram.secret_token },
    });

  it('answers 429 with Retry-After past the account’s limit, stores nothing for it, and leaves other accounts alone', async () => {
    const flooded = await createTelegramAccount('Flooded');
    const quiet = await createTelegramAccount('Quiet');

    expect([(await post(flooded, 1)).status, (await post(flooded, 2)).status]).toEqual([200, 200]);
    const refused = await post(flooded, 3);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await post(quiet, 4)).status).toBe(200);

    const stored = async (accountId: string) =>
      (await h.collections.messages.find({ channelAccountId: accountId, direction: 'inbound' }).toArray()).map(
        (message) => message.channelMessageId,
      );
    // Telegram's message ids are per chat: stored as `<chat id>:<message id>`.
    expect((await stored(flooded.id)).sort()).toEqual(['1111111:1', '1111111:2']);
    expect(await stored(quiet.id)).toEqual(['1111111:4']);
  });
});
