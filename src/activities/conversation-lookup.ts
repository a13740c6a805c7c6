import { ApplicationFailure } from '@temporalio/activity';
import type { Conversation } from '../domain/model.js';
import type { Collections } from '../store/database.js';

/** The conversation an activity works on. A missing one is final: retrying cannot bring it back. */
export async function requireConversation(
  conversations: Collections['conversations'],
  { organizationId, conversationId }: { organizationId: string; conversationId: string },
): Promise<Conversation> {
  const conversation = await conversations.findOne({ _id: conversationId, organizationId });
  if (!conversation) throw ApplicationFailure.nonRetryable(`conversation ${conversationId} not found`, 'NotFound');
  return conversation;
}
