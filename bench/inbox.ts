/**
 * The console's inbox reads at scale: the conversation listing's first page (plain, filtered,
 * searched) and a transcript, at BENCH_CONVERSATIONS conversations of one organization, against
 * the local FerretDB-on-PostgreSQL stack (or MONGODB_URI). The budget: the first page
 * ≤ 100 ms at 10,000 conversations.
 *
 *   npm run bench:inbox            # BENCH_CONVERSATIONS=10000 by default
 */
import { randomUUID } from 'node:crypto';
import { newId } from '../src/domain/ids.js';
import type { Contact, Conversation, Message } from '../src/domain/model.js';
import { ConfigurationVersions } from '../src/store/configuration-versions.js';
import { ContactRepository } from '../src/store/contacts.js';
import { ConversationRepository } from '../src/store/conversations.js';
import { connectDatabase, ensureIndexes } from '../src/store/database.js';
import { MessageRepository } from '../src/store/messages.js';
import { ListConversations, ReadTranscript } from '../src/usecases/read-conversations.js';
import { benchStack, measure, printMachine, printRow, setting } from './support.js';

const conversationCount = setting('BENCH_CONVERSATIONS', 10_000);
const samples = setting('BENCH_SAMPLES', 100);

printMachine();
const stack = await benchStack();
const database = await connectDatabase(stack.mongodbUri, `bench_${randomUUID().slice(0, 8)}`);
try {
  await ensureIndexes(database, { localStackPostgresUrl: stack.postgresUrl });
  const { conversations, contacts, messages } = database.collections;
  const organizationId = newId();
  const channelAccountId = newId();
  const start = Date.now();
  console.log(`filling ${conversationCount} conversations, contacts and 2 messages each…`);
  const ids: string[] = [];
  for (let first = 0; first < conversationCount; first += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, conversationCount - first) }, (_, k) => first + k);
    const contactRows: Contact[] = batch.map((i) => ({
      _id: newId(),
      organizationId,
      number: i + 1,
      channelAccountId,
      externalId: `+346${String(i).padStart(8, '0')}`,
      name: `Contact ${i}`,
      phone: `+346${String(i).padStart(8, '0')}`,
      email: null,
      blocked: false,
      createdAt: new Date(start),
    }));
    const conversationRows: Conversation[] = contactRows.map((contact, k) => ({
      _id: newId(),
      organizationId,
      number: batch[k]! + 1,
      channelAccountId,
      contactId: contact._id,
      chatId: contact.externalId,
      chatType: 'private',
      status: k % 10 === 0 ? 'closed' : 'open',
      aiEnabled: true,
      aiAgentActive: k % 7 !== 0,
      createdAt: new Date(start),
      lastMessageAt: new Date(start + batch[k]! * 1_000),
    }));
    const messageRows: Message[] = conversationRows.flatMap((conversation, k) =>
      (['inbound', 'outbound'] as const).map((direction, n) => ({
        _id: newId(),
        organizationId,
        conversationId: conversation._id,
        channelAccountId,
        direction,
        author: direction === 'inbound' ? ('contact' as const) : ('ai' as const),
        kind: 'text' as const,
        text: `message ${n} of conversation ${batch[k]}`,
        channelMessageId: null,
        deliveryStatus: direction === 'inbound' ? ('received' as const) : ('sent' as const),
        createdAt: new Date(start + batch[k]! * 1_000 + n),
        sentAt: null,
      })),
    );
    await contacts.insertMany(contactRows);
    await conversations.insertMany(conversationRows);
    await messages.insertMany(messageRows);
    ids.push(...conversationRows.map(({ _id }) => _id));
  }
  console.log(`filled in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);

  const scope = { organizationId, channelAccountId: null };
  const { collections } = database;
  const configuration = new ConfigurationVersions(collections.organizations);
  const conversationRepository = new ConversationRepository(collections.conversations, configuration);
  const list = new ListConversations(
    conversationRepository,
    new ContactRepository(collections.contacts, configuration),
  );
  const transcript = new ReadTranscript(conversationRepository, new MessageRepository(collections.messages));
  const firstPage = await list.execute(scope, { limit: 50 });
  printRow('inbox first page (50, newest first)', await measure(samples, () => list.execute(scope, { limit: 50 })));
  printRow(
    'inbox second page (cursor)',
    await measure(samples, () => list.execute(scope, { limit: 50, cursor: firstPage.nextCursor! })),
  );
  printRow(
    'inbox filtered (open, paused)',
    await measure(samples, () => list.execute(scope, { limit: 50, status: 'open', botState: 'paused' })),
  );
  printRow(
    'inbox search (contact name)',
    await measure(samples, (i) =>
      list.execute(scope, { limit: 50, search: `Contact ${(i * 97) % conversationCount}` }),
    ),
  );
  printRow(
    'transcript of a conversation',
    await measure(samples, (i) => transcript.execute(scope, ids[(i * 37) % ids.length]!, { limit: 100 })),
  );
} finally {
  await database.db.dropDatabase();
  await database.close();
  await stack.stop();
}
