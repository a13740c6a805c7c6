import type { Filter } from 'mongodb';
import type { Message } from '../domain/model.js';
import type { Collections } from './database.js';

/** A place in a transcript: messages are ordered by the time stored, ties by id. */
export interface TranscriptPosition {
  createdAt: Date;
  id: string;
}

/** A conversation's messages as the read API sees them: always within one organization. */
export class MessageRepository {
  constructor(private readonly collection: Collections['messages']) {}

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
    const query: Filter<Message> = { conversationId, organizationId };
    if (options.after) {
      const { createdAt, id } = options.after;
      query.$or = [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: id } }];
    }
    return this.collection.find(query).sort({ createdAt: 1, _id: 1 }).limit(options.limit).toArray();
  }
}
