import { activityInfo } from '@temporalio/activity';
import type { Conversation, WebhookEmission, WebhookEventType } from '../domain/model.js';

/**
 * An event about a conversation, stamped with the time its activity was scheduled: the
 * conversation's own timeline (server time, which the time-skipping test server advances).
 */
export function conversationEvent(
  conversation: Pick<Conversation, '_id' | 'organizationId' | 'channelAccountId' | 'contactId'>,
  type: WebhookEventType,
  subjectId: string,
  data: Record<string, unknown>,
): WebhookEmission {
  return {
    organizationId: conversation.organizationId,
    channelAccountId: conversation.channelAccountId,
    event: {
      id: `${subjectId}.${type}`,
      type,
      timestamp: new Date(activityInfo().currentAttemptScheduledTimestampMs).toISOString(),
      data: {
        conversation_id: conversation._id,
        channel_account_id: conversation.channelAccountId,
        contact_id: conversation.contactId,
        ...data,
      },
    },
  };
}
