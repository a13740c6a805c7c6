import type { Collections } from '../store/database.js';
import type { ConversationControls } from '../workflows/definitions.js';

export interface ConversationStateDeps {
  collections: Pick<Collections, 'conversations'>;
}

export function createConversationStateActivities({ collections }: ConversationStateDeps) {
  return {
    /** MongoDB's queryable copy of what the workflow decided (listing, filters, toggle answers). */
    async saveConversationControls(change: {
      organizationId: string;
      conversationId: string;
      controls: ConversationControls;
      closing?: { category: string | null; summary: string | null } | undefined;
    }): Promise<void> {
      const { controls, closing } = change;
      await collections.conversations.updateOne(
        { _id: change.conversationId, organizationId: change.organizationId },
        {
          $set: {
            aiEnabled: controls.aiEnabled,
            aiAgentActive: controls.botActive,
            status: controls.status === 'open' ? 'open' : 'closed',
            ...(closing ? { closing: { ...closing, closedAt: new Date() } } : {}),
          },
        },
      );
    },
  };
}
