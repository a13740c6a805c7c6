import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/usecases/api-keys.js';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sendJson, startRecordingServer } from '../support/recording-server.js';
import { commandsSpent, storeCommands } from '../support/store-commands.js';

/**
 * The API keeps the API key, the channel account, the organization's webhook subscriptions, the
 * contact and which conversation a chat has, as read a moment ago (src/store/recent-reads.ts). A
 * change made through the same process must apply to the very next request: these run with a TTL of
 * a minute, so only forgetting makes them pass.
 */
describe('reads the API keeps for a few seconds', () => {
  let h: Harness;
  let account: { id: string; account_token: string };
  let sequence = 0;
  const inbound = (key?: string, from = '34600100001', name?: string) =>
    h.inbound(
      account.id,
      { message_id: `wamid.recent-${++sequence}`, from: { id: from, ...(name ? { name } : {}) }, text: 'Hello' },
      key,
    );

  beforeAll(async () => {
    h = await startHarness({ API_READ_CACHE_SECONDS: '60' });
    account = await h.createChannelAccount('Recent reads');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a revoked API key answers 401 on its next use', async () => {
    const issued = await h.request('post', '/v1/api-keys', { body: { name: 'Bridge', scopes: ['messages.ingest'] } });
    expect(issued.status).toBe(201);
    expect((await inbound(issued.body.key)).status).toBe(202);
    expect((await inbound(issued.body.key)).status).toBe(202);

    expect((await h.request('delete', `/v1/api-keys/${issued.body.id}`)).status).toBe(204);
    expect((await inbound(issued.body.key)).status).toBe(401);
  });

  it('a rotated account token: the previous one answers 401 at once, the new one works', async () => {
    expect((await inbound(account.account_token)).status).toBe(202);
    const rotated = await h.request('post', `/v1/accounts/${account.id}/token`);
    expect(rotated.status).toBe(201);
    expect((await inbound(account.account_token)).status).toBe(401);
    expect((await inbound(rotated.body.account_token)).status).toBe(202);
    account.account_token = rotated.body.account_token;
  });

  it('an account change applies to the next ingest', async () => {
    const summaryOf = async (conversationId: string) =>
      h.api.deps.temporal.workflow
        .getHandle(conversationWorkflowId(h.organizationId, conversationId))
        .describe()
        .then((description) => description.staticSummary());
    const before = await inbound(undefined, '34600100101', 'Ana');
    expect(before.status).toBe(202);
    expect(await summaryOf(before.body.conversation_id)).toBe('Ana on Recent reads');

    const renamed = await h.request('patch', `/v1/accounts/${account.id}`, { body: { name: 'Renamed' } });
    expect(renamed.status).toBe(200);
    // A new conversation's run is named after the account as it is now.
    const after = await inbound(undefined, '34600100102', 'Bea');
    expect(after.status).toBe(202);
    expect(await summaryOf(after.body.conversation_id)).toBe('Bea on Renamed');
  });

  it('an account another organization read is still not found with its key', async () => {
    expect((await inbound()).status).toBe(202);
    const other = await createOrganization(h.collections, { name: 'Other org' });
    const answer = await inbound(other.adminKey.key);
    expect(answer).toMatchObject({ status: 404 });
  });

  it('message.received: a new subscription gets the next message’s event, a deleted one gets none', async () => {
    const receiver = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
    try {
      // Whether anyone listens is answered before the 202: the event's workflow exists by then, or never will.
      const eventStarted = (messageId: string) =>
        h.api.deps.temporal.workflow
          .getHandle(`webhook-event/${h.organizationId}/${messageId}.message.received`)
          .describe()
          .then(
            () => true,
            () => false,
          );
      const unheard = await inbound();
      expect(await eventStarted(unheard.body.message_id)).toBe(false);

      const subscription = await h.request('post', `/v1/accounts/${account.id}/webhooks`, {
        body: { url: receiver.url, events: ['message.received'] },
      });
      expect(subscription.status).toBe(201);
      const heard = await inbound();
      expect(await eventStarted(heard.body.message_id)).toBe(true);

      expect((await h.request('delete', `/v1/accounts/${account.id}/webhooks/${subscription.body.id}`)).status).toBe(
        204,
      );
      const unheardAgain = await inbound();
      expect(await eventStarted(unheardAgain.body.message_id)).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it('a paused conversation whose run was ended starts its next run paused: its controls are read fresh', async () => {
    const from = '34600100301';
    const first = await inbound(undefined, from); // which conversation the chat has is kept from here on
    expect(first.status).toBe(202);
    const conversationId = first.body.conversation_id;
    const paused = await h.request('post', '/functions/v1/bot-control', {
      body: { conversation_id: conversationId, action: 'pause' },
    });
    expect(paused.body.bot_active).toBe(false);
    const workflowId = conversationWorkflowId(h.organizationId, conversationId);
    await h.api.deps.temporal.workflow.getHandle(workflowId).terminate('an operator ends the run');

    expect((await inbound(undefined, from)).status).toBe(202);
    const restarted = await h.api.deps.temporal.workflow.getHandle(workflowId).describe();
    expect(restarted.status.name).toBe('RUNNING');
    expect(restarted.searchAttributes.botState).toEqual(['paused']);
  });

  it('a known contact’s message: the store calls it costs', async () => {
    // The harness's worker shares the API's MongoClient (and so its command counter): without it
    // only this request's calls are counted. The workflow waits for a worker; none is needed here.
    await h.stopWorker();
    try {
      const from = '34600100201';
      expect((await inbound(undefined, from)).status).toBe(202); // a new contact and conversation
      const before = await storeCommands(h.api.url);
      expect((await inbound(undefined, from)).status).toBe(202);
      const after = await storeCommands(h.api.url);
      const spent = commandsSpent(before, after);
      // The budget. The API key, the account, the contact, which conversation the chat has and
      // whether anyone subscribes to message.received were read by the first message and are not
      // read again. What is left: the two rate limits (shared by every API process, in the store on
      // purpose: the account's, then the organization's), the message insert (its
      // idempotency) and the conversation's `lastMessageAt`, which answers with its controls.
      expect(spent).toEqual({
        'findAndModify rate_limits': 2,
        'insert messages': 1,
        'findAndModify conversations': 1,
      });
    } finally {
      await h.restartWorker();
    }
  });
});
