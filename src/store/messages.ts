import type { Collection, Filter } from 'mongodb';
import type { Message } from '../domain/model.js';
import { isDuplicateKeyError, type Collections } from './database.js';

/** A place in a transcript: messages are ordered by the time stored, ties by id. */
export interface TranscriptPosition {
  createdAt: Date;
  id: string;
}

/** A conversation's messages as the read API sees them: always within one organization. */
export class MessageRepository {
  constructor(private readonly collection: Collections['messages']) {}

  /**
   * Stores a message unless one with its id is stored already (ids derived from the channel's own
   * message id make a re-delivery collide); answers whether it was a duplicate and when the stored
   * one was first received.
   */
  async insertUnlessDuplicate(message: Message): Promise<{ duplicate: boolean; receivedAt: Date }> {
    try {
      await this.collection.insertOne(message);
      return { duplicate: false, receivedAt: message.createdAt };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const stored = await this.collection.findOne({ _id: message._id }, { projection: { createdAt: 1 } });
      return { duplicate: true, receivedAt: stored?.createdAt ?? message.createdAt };
    }
  }

  /** The conversation's latest message from the contact: when it came and the channel's id for it. */
  lastInbound(conversationId: string): Promise<Pick<Message, '_id' | 'channelMessageId' | 'createdAt'> | null> {
    return this.collection.findOne(
      { conversationId, direction: 'inbound' },
      { sort: { createdAt: -1 }, projection: { channelMessageId: 1, createdAt: 1 } },
    );
  }

  /**
   * Stores an outbound message unless its id is stored already (a retried delivery); the stored
   * message either way.
   */
  insertOutboundOnce(message: Omit<Message, '_id'> & { _id: string }): Promise<Message | null> {
    const { _id, ...fields } = message;
    return this.collection.findOneAndUpdate(
      { _id },
      { $setOnInsert: fields },
      { upsert: true, returnDocument: 'after' },
    );
  }

  /** Sets delivery fields of a message (`sent`, `skipped`) by its id. */
  async setDelivery(
    messageId: string,
    set: Pick<Partial<Message>, 'deliveryStatus' | 'deliveryError' | 'sentAt' | 'channelMessageId'>,
  ): Promise<void> {
    await this.collection.updateOne({ _id: messageId }, { $set: set });
  }

  /** A send that failed for good: `failed`, unless the message left `pending` meanwhile. */
  async markFailedIfPending(organizationId: string, messageId: string, deliveryError: string): Promise<void> {
    await this.collection.updateOne(
      { _id: messageId, organizationId, deliveryStatus: 'pending' },
      { $set: { deliveryStatus: 'failed', deliveryError } },
    );
  }

  /** The id of the message this service sent on the account that the channel knows by this id, if any. */
  async outboundIdByChannelMessageId(channelAccountId: string, channelMessageId: string): Promise<string | null> {
    const message = await this.collection.findOne(
      { channelAccountId, channelMessageId, direction: 'outbound' },
      { projection: { _id: 1 } },
    );
    return message?._id ?? null;
  }

  /**
   * A channel's status report for a message sent on the account. Reports are ranked in the order
   * they can happen, so a late `sent` never overwrites `read`.
   */
  async recordChannelStatus(
    account: { organizationId: string; channelAccountId: string },
    channelMessageId: string,
    channelStatus: NonNullable<Message['channelStatus']>,
  ): Promise<void> {
    await this.collection.updateOne(
      {
        channelAccountId: account.channelAccountId,
        organizationId: account.organizationId,
        channelMessageId,
        direction: 'outbound',
        $or: [{ channelStatus: null }, { 'channelStatus.rank': { $lt: channelStatus.rank } }],
      },
      { $set: { channelStatus } },
    );
  }

  /** The conversation's last `limit` messages, newest first: what a prompt's history is built from. */
  recentOfConversation(
    organizationId: string,
    conversationId: string,
    limit: number,
  ): Promise<Pick<Message, '_id' | 'direction' | 'kind' | 'text'>[]> {
    return this.collection
      .find({ organizationId, conversationId }, { projection: { direction: 1, kind: 1, text: 1 } })
      .sort({ createdAt: -1 })
      .limit(limit)
      .toArray();
  }

  /**
   * The conversation's messages with these ids, oldest first (the conversation narrows the lookup
   * where the store cannot use an index for `$in`: FerretDB 1.24).
   */
  byIdsInConversation(organizationId: string, conversationId: string, ids: string[]): Promise<Message[]> {
    return this.collection
      .find({ organizationId, conversationId, _id: { $in: ids } })
      .sort({ createdAt: 1 })
      .toArray();
  }

  /** The organization's messages with these ids, oldest first. */
  byIdsOldestFirst(organizationId: string, ids: string[]): Promise<Message[]> {
    return this.collection
      .find({ organizationId, _id: { $in: ids } })
      .sort({ createdAt: 1 })
      .toArray();
  }

  async positionOf(organizationId: string, conversationId: string, id: string): Promise<TranscriptPosition | null> {
    const message = await this.collection.findOne(
      { _id: id, organizationId, conversationId },
      { projection: { createdAt: 1 } },
    );
    return message && { createdAt: message.createdAt, id: message._id };
  }

  /** One page of the transcript, oldest first, of the messages after `after`. */
  transcriptPage(
    organizationId: string,
    conversationId: string,
    options: { after?: TranscriptPosition | undefined; limit: number },
  ): Promise<Message[]> {
    return conversationPageOldestFirst(this.collection, organizationId, conversationId, options);
  }
}

/**
 * One page of a conversation's records (messages, AI turns) in the transcript's order — time stored,
 * ties by id — of those after `after`.
 */
export function conversationPageOldestFirst<T extends Pick<Message, '_id' | 'organizationId' | 'createdAt'>>(
  collection: Collection<T>,
  organizationId: string,
  conversationId: string,
  options: { after?: TranscriptPosition | undefined; limit: number },
): Promise<T[]> {
  const query: Filter<Pick<Message, '_id' | 'organizationId' | 'conversationId' | 'createdAt'>> = {
    conversationId,
    organizationId,
  };
  if (options.after) {
    const { createdAt, id } = options.after;
    query.$or = [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: id } }];
  }
  return collection
    .find(query as Filter<T>)
    .sort({ createdAt: 1, _id: 1 })
    .limit(options.limit)
    .toArray() as Promise<T[]>;
}
