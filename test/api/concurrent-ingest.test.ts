import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

describe('concurrent ingest of new contacts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ AI_ENABLED: 'false' });
  });
  afterAll(() => h?.close());

  it('accepts every message and numbers contacts and conversations 1…n without duplicates (FerretDB’s $inc is not atomic)', async () => {
    const account = await h.createChannelAccount();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.inbound(account.id, { message_id: `wamid.burst-${i}`, from: { id: `+3461000${i}` }, text: `Hi ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    const contacts = await h.collections.contacts.find({ organizationId: h.organizationId }).toArray();
    const conversations = await h.collections.conversations.find({ organizationId: h.organizationId }).toArray();
    const oneToForty = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(contacts.map((c) => c.number).sort((a, b) => a - b)).toEqual(oneToForty);
    expect(conversations.map((c) => c.number).sort((a, b) => a - b)).toEqual(oneToForty);
  });
});
