import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { commandsSpent, storeCommands } from '../support/store-commands.js';

/**
 * What a reply turn costs the store: issue 16's budget, held here so it stays measured
 * (bench:reply-latency prints the same under load). The harness's worker shares the API's
 * MongoClient, so the API's counter sees both processes' commands.
 */
describe('the store calls of a reply turn', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The counts once nothing has been counted for a while: the turn's last writes are done. */
  async function settledCommands(): Promise<Map<string, number>> {
    let last = await storeCommands(h.api.url);
    return eventually(
      async () => {
        const now = await storeCommands(h.api.url);
        const unchanged = JSON.stringify([...now]) === JSON.stringify([...last]);
        last = now;
        return unchanged && now;
      },
      { intervalMs: 750, what: 'the store commands to settle' },
    );
  }

  it('a further message of a known contact, answered through the outbound hook', async () => {
    const account = await h.createChannelAccount('Turn cost');
    let sequence = 0;
    const say = () =>
      h.inbound(account.id, { message_id: `wamid.turn-${++sequence}`, from: { id: '34600100301' }, text: 'Hello' });
    const replies = () => h.hook.sends().filter((send) => send.channel_account_id === account.id);

    expect((await say()).status).toBe(202);
    await eventually(() => replies().length === 1, { what: 'the first reply' });
    const before = await settledCommands();
    expect((await say()).status).toBe(202);
    await eventually(() => replies().length === 2, { what: 'the second reply' });
    const spent = commandsSpent(before, await settledCommands());

    // The API's part (test/api/recent-reads.test.ts): the two rate limits, the message and the
    // conversation's bump (the contact and which conversation the chat has are kept).
    const api = {
      'findAndModify rate_limits': 2,
      'insert messages': 1,
      'findAndModify conversations': 1,
    };
    // The worker's, 8 (28 before the conversation's reads were shared, 18 before the worker kept
    // the configuration; issue 16). The generation: the organization (its configuration version and
    // token budget: the account, agents, AI settings, contact, the conversation's transfer and the
    // subscriptions kept since the first turn are still good; the route is read once per worker
    // process), the history (the turn's messages are in it), the day's token usage, then the usage
    // and the AI log. The delivery, right after it, at the version the generation read: the message
    // stored once, marked sent, and the conversation's bump.
    const worker = {
      'find organizations': 1,
      'find messages': 1,
      'find ai_token_usage': 1,
      'update ai_token_usage': 1,
      'insert ai_logs': 1,
      'findAndModify messages': 1,
      'update messages': 1,
      'update conversations': 1,
    };
    const expected: Record<string, number> = { ...api };
    for (const [command, count] of Object.entries(worker)) expected[command] = (expected[command] ?? 0) + count;
    expect(spent).toEqual(expected);
  });
});
