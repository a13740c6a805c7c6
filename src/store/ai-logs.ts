import type { AiLog } from '../domain/model.js';
import type { Collections } from './database.js';
import { conversationPageOldestFirst, type TranscriptPosition } from './messages.js';

/** A conversation's AI turns as the read API sees them: always within one organization. */
export class AiLogRepository {
  constructor(private readonly collection: Collections['aiLogs']) {}

  async insert(log: AiLog): Promise<void> {
    await this.collection.insertOne(log);
  }

  /**
   * The log of the reply `messageId` names: the log's own id, its reply message's id, or (for a
   * later part of a split reply, `partOf`) the reply's id.
   */
  findForMessage(organizationId: string, messageId: string, partOf: string | null): Promise<AiLog | null> {
    return this.collection.findOne({
      organizationId,
      $or: [{ _id: messageId }, { replyMessageId: messageId }, ...(partOf ? [{ _id: partOf }] : [])],
    });
  }

  /** One page of the conversation's turns, oldest first (the transcript's order), after `after`. */
  conversationPage(
    organizationId: string,
    conversationId: string,
    options: { after?: TranscriptPosition | undefined; limit: number },
  ): Promise<AiLog[]> {
    return conversationPageOldestFirst(this.collection, organizationId, conversationId, options);
  }
}
