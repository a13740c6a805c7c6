import type { Filter } from 'mongodb';
import type { AiLog } from '../domain/model.js';
import type { Collections } from './database.js';
import type { TranscriptPosition } from './messages.js';

/** A conversation's AI turns as the read API sees them: always within one organization. */
export class AiLogRepository {
  constructor(private readonly collection: Collections['aiLogs']) {}

  /** One page of the conversation's turns, oldest first (the transcript's order), after `after`. */
  conversationPage(
    organizationId: string,
    conversationId: string,
    options: { after?: TranscriptPosition | undefined; limit: number },
  ): Promise<AiLog[]> {
    const query: Filter<AiLog> = { organizationId, conversationId };
    if (options.after) {
      const { createdAt, id } = options.after;
      query.$or = [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: id } }];
    }
    return this.collection.find(query).sort({ createdAt: 1, _id: 1 }).limit(options.limit).toArray();
  }
}
