import type { AiLog } from '../domain/model.js';
import { isDuplicateKeyError, type Collections } from './database.js';
import { conversationPageOldestFirst, type TranscriptPosition } from './messages.js';

/** A conversation's AI turns as the read API sees them: always within one organization. */
export class AiLogRepository {
  constructor(private readonly collection: Collections['aiLogs']) {}

  async insert(log: AiLog): Promise<void> {
    await this.collection.insertOne(log);
  }

  /** Inserts the log unless one with its id exists (a retried attempt whose first one wrote it); whether it did. */
  async insertUnlessExists(log: AiLog): Promise<boolean> {
    try {
      await this.collection.insertOne(log);
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }

  /** Inserts the log unless one with its id exists; the stored one either way, and whether it is this one. */
  async insertOrFind(log: AiLog): Promise<{ inserted: boolean; stored: AiLog }> {
    if (await this.insertUnlessExists(log)) return { inserted: true, stored: log };
    return { inserted: false, stored: (await this.collection.findOne({ _id: log._id }))! };
  }

  findInOrganization(organizationId: string, logId: string): Promise<AiLog | null> {
    return this.collection.findOne({ _id: logId, organizationId });
  }

  /** Sets fields of a log of the organization (its outcome after the fact: skipped, dropped, failed). */
  async set(organizationId: string, logId: string, set: Partial<AiLog>): Promise<void> {
    await this.collection.updateOne({ _id: logId, organizationId }, { $set: set });
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
