import { activityInfo } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Conversation, WebhookEventType } from '../domain/model.js';
import { webhookEventWorkflowType } from '../workflows/definitions.js';
import type { WebhookEmission } from './webhooks.js';

/** Starts webhook events; implemented with the Temporal client, faked nowhere (tests use a real server). */
export interface EventPublisher {
  publish(emission: WebhookEmission): Promise<void>;
}

/**
 * Each event is its own workflow, `webhook-event/<organizationId>/<event id>`, started by the
 * activity that caused it: the conversation's history stays free of it, and a retried activity
 * starting it again finds it already there.
 */
export function temporalEventPublisher(client: Client, taskQueue: string): EventPublisher {
  return {
    async publish(emission) {
      try {
        await client.workflow.start(webhookEventWorkflowType, {
          workflowId: `webhook-event/${emission.organizationId}/${emission.event.id}`,
          taskQueue,
          args: [emission],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    },
  };
}

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
