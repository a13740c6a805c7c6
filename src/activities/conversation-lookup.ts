import { ApplicationFailure } from '@temporalio/activity';
import type { Conversation } from '../domain/model.js';
import type { ConversationRepository } from '../store/conversations.js';

/** The conversation an activity works on. A missing one is final: retrying cannot bring it back. */
export async function requireConversation(
  conversations: ConversationRepository,
  { organizationId, conversationId }: { organizationId: string; conversationId: string },
): Promise<Conversation> {
  const conversation = await conversations.findInOrganization(organizationId, conversationId);
  if (!conversation) throw ApplicationFailure.nonRetryable(`conversation ${conversationId} not found`, 'NotFound');
  return conversation;
}
