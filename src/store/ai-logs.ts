import type { AiLog } from '../domain/model.js';
import type { Collections } from './database.js';
import { conversationPageOldestFirst, type TranscriptPosition } from './messages.js';

/** A conversation's AI turns as the read API sees them: always within one organization. */
export class AiLogRepository {
  constructor(private readonly collection: Collections['aiLogs']) {}

  /** One page of the conversation's turns, oldest first (the transcript's order), after `after`. */
  conversationPage(
    organizationId: string,
    conversationId: string,
    options: { after?: TranscriptPosition | undefined; limit: number },
  ): Promise<AiLog[]> {
    return conversationPageOldestFirst(this.collection, organizationId, conversationId, options);
  }
}
