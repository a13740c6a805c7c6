import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { ConversationEngine } from '../../src/engine/conversation-engine.js';
import { MAX_TURNS_PER_RUN } from '../../src/workflows/conversation.js';
import { conversationWorkflowId } from '../../src/workflows/definitions.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('ingest durability', () => {
  let h: Harness;
  let account: { id: string };

  beforeAll(async () => {
    h = await startHarness();
    account = await h.createChannelAccount();
  });
  afterAll(() => h?.close());

  const handleOf = (conversationId: string) =>
    h.api.deps.temporal.workflow.getHandle(conversationWorkflowId(h.organizationId, conversationId));

  it('answers 503 when Temporal cannot take the message, and a retry with the same message_id delivers it once', async () => {
    // A second API process whose Temporal is unreachable; MongoDB is the same.
    const unreachable = new Client({
      connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1 second' }),
    });
    const api = createApp({
      ...h.api.deps,
      temporal: unreachable,
      engine: new ConversationEngine(unreachable, h.config.temporal.taskQueue),
    });
    const server: Server = await new Promise((resolve) => {
      const s = api.listen(0, '127.0.0.1', () => resolve(s));
    });
    const body = { message_id: 'wamid.temporal-down', from: { id: '33612000' }, text: 'Is my parcel lost?' };
    try {
      const response = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/accounts/${account.id}/messages`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': h.adminKey },
          body: JSON.stringify(body),
        },
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(((await response.json()) as any).error.code).toBe('temporarily_unavailable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await h.collections.messages.countDocuments({ channelMessageId: 'wamid.temporal-down' })).toBe(1);

    h.llm.script({ reply: 'It is on its way.' });
    const retried = await h.inbound(account.id, body);
    expect(retried.status).toBe(202);
    expect(retried.body.duplicate).toBe(true);
    await eventually(() => h.hook.sends().length === 1, { what: 'the reply after the retry' });
    expect(h.hook.sends()[0]!.message.text).toBe('It is on its way.');
    expect(await h.collections.messages.countDocuments({ channelMessageId: 'wamid.temporal-down' })).toBe(1);
  });

  it(`continues as new after ${MAX_TURNS_PER_RUN} turns, keeping its dedup window and answering on`, async () => {
    const from = { id: '33612999' };
    let conversationId = '';
    let firstRunId = '';
    for (let turn = 1; turn <= MAX_TURNS_PER_RUN; turn++) {
      const sendsBefore = h.hook.sends().length;
      const accepted = await h.inbound(account.id, {
        message_id: `wamid.long-${turn}`,
        from,
        text: `Question ${turn}`,
      });
      conversationId = accepted.body.conversation_id;
      await eventually(() => h.hook.sends().length === sendsBefore + 1, { what: `reply ${turn}` });
      if (turn === 1) firstRunId = (await handleOf(conversationId).describe()).runId;
    }
    const continued = await eventually(
      async () => {
        const description = await handleOf(conversationId).describe();
        return description.runId !== firstRunId && description;
      },
      { what: 'the continued run' },
    );
    expect(continued.status.name).toBe('RUNNING');
    // The new run holds its start and its first task's patch markers (racing this read), none of the 100 turns.
    expect(continued.historyLength).toBeLessThan(30);
    expect(continued.searchAttributes).toMatchObject({ conversationId: [conversationId] });

    // A re-delivery of a message from the previous run is still recognised; a new message is answered.
    const sendsBefore = h.hook.sends().length;
    await h.inbound(account.id, {
      message_id: `wamid.long-${MAX_TURNS_PER_RUN}`,
      from,
      text: `Question ${MAX_TURNS_PER_RUN}`,
    });
    h.llm.script({ reply: 'Answer after continue-as-new' });
    await h.inbound(account.id, { message_id: 'wamid.long-next', from, text: 'One more' });
    await eventually(() => h.hook.sends().length === sendsBefore + 1, { what: 'the reply in the new run' });
    expect(h.hook.sends().at(-1)!.message.text).toBe('Answer after continue-as-new');
    const lastPrompt = h.llm.completions().at(-1)!.messages;
    expect(lastPrompt).toHaveLength(21);
    expect(lastPrompt.at(-1)).toEqual({ role: 'user', content: 'One more' });
  });
});
