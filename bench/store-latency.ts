/**
 * Per-operation latency of the store calls on the reply path, against the local FerretDB-on-
 * PostgreSQL stack (or MONGODB_URI), with a realistically filled messages collection.
 *
 *   npm run bench:store            # BENCH_MESSAGES=20000 by default
 */
import { randomUUID } from 'node:crypto';
import { inboundMessageId, newId } from '../src/domain/ids.js';
import type { Message } from '../src/domain/model.js';
import { connectDatabase, ensureIndexes } from '../src/store/database.js';
import { SequenceAllocator } from '../src/store/sequence-allocator.js';
import { benchStack, measure, printRow } from './support.js';

const totalMessages = Number(process.env.BENCH_MESSAGES ?? 20_000);
const conversations = 1_000;
const samples = Number(process.env.BENCH_SAMPLES ?? 500);

const stack = await benchStack();
const database = await connectDatabase(stack.mongodbUri, `bench_${randomUUID().slice(0, 8)}`);
try {
  await ensureIndexes(database, { localStackPostgresUrl: stack.postgresUrl });
  const { messages, contacts, counters } = database.collections;
  const organizationId = newId();
  const accountId = newId();
  const conversationIds = Array.from({ length: conversations }, () => newId());

  console.log(`filling ${totalMessages} messages over ${conversations} conversations…`);
  const fillStart = Date.now();
  const message = (i: number, key: string): Message => ({
    _id: inboundMessageId(accountId, key),
    organizationId,
    conversationId: conversationIds[i % conversations]!,
    channelAccountId: accountId,
    direction: i % 2 ? 'outbound' : 'inbound',
    author: i % 2 ? 'ai' : 'contact',
    kind: 'text',
    text: `message ${i} with some ordinary length of text in it`,
    channelMessageId: key,
    deliveryStatus: 'received',
    createdAt: new Date(fillStart + i),
    sentAt: null,
  });
  const batch: Message[] = [];
  for (let i = 0; i < totalMessages; i++) {
    batch.push(message(i, `fill-${i}`));
    if (batch.length === 1_000) await messages.insertMany(batch.splice(0));
  }
  if (batch.length) await messages.insertMany(batch);
  for (let i = 0; i < 2_000; i++) {
    await contacts.insertOne({
      _id: newId(),
      organizationId,
      number: i + 1,
      channelAccountId: accountId,
      externalId: `+3460000${i}`,
      name: null,
      phone: null,
      email: null,
      blocked: false,
      createdAt: new Date(),
    });
  }
  console.log(`filled in ${((Date.now() - fillStart) / 1000).toFixed(1)} s\n`);

  printRow(
    'messages.insertOne (ingest)',
    await measure(samples, (i) => messages.insertOne(message(totalMessages + i, `bench-${i}`))),
  );
  printRow(
    'messages.findOne by _id',
    await measure(samples, (i) =>
      messages.findOne({ _id: inboundMessageId(accountId, `fill-${(i * 37) % totalMessages}`) }),
    ),
  );
  printRow(
    'contacts.findOne by unique (org, account, ext)',
    await measure(samples, (i) =>
      contacts.findOne({ organizationId, channelAccountId: accountId, externalId: `+3460000${(i * 7) % 2000}` }),
    ),
  );
  printRow(
    'messages last 20 of a conversation (prompt)',
    await measure(samples, (i) =>
      messages
        .find({ organizationId, conversationId: conversationIds[i % conversations]! })
        .sort({ createdAt: -1 })
        .limit(20)
        .toArray(),
    ),
  );
  printRow(
    'counters.findOneAndUpdate $inc (numbering)',
    await measure(samples, () => new SequenceAllocator(counters).next(`${organizationId}:bench`)),
  );
  printRow(
    'messages.updateOne by _id (mark sent)',
    await measure(samples, (i) =>
      messages.updateOne(
        { _id: inboundMessageId(accountId, `bench-${i}`) },
        { $set: { deliveryStatus: 'sent', sentAt: new Date() } },
      ),
    ),
  );
} finally {
  await database.db.dropDatabase();
  await database.close();
  await stack.stop();
}
