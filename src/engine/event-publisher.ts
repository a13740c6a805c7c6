import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { WebhookEmission } from '../domain/model.js';
import type { Collections } from '../store/database.js';
import type { OrganizationSubscriptions, RecentReads } from '../store/recent-reads.js';
import { WebhookSubscriptionRepository } from '../store/webhooks.js';
import { webhookEventWorkflowType } from '../workflows/definitions.js';

/** Starts webhook events; implemented with the Temporal client, faked nowhere (tests use a real server). */
export interface EventPublisher {
  publish(emission: WebhookEmission): Promise<void>;
}

/**
 * Each event is its own workflow, `webhook-event/<organizationId>/<event id>`, started by the
 * activity (or API request) that caused it: the conversation's history stays free of it, and a retried activity
 * starting it again finds it already there. An event nobody subscribes to starts nothing (most
 * replies on most accounts): who gets a delivery is still decided when the workflow runs. A
 * `human_takeover` always starts one, for the channel's own takeover webhook. With `recent` (the
 * API's), whether anyone listens is answered from the subscriptions read a moment ago: a
 * subscription made through another API process starts getting its events within the cache's TTL.
 */
export function temporalEventPublisher(
  client: Client,
  taskQueue: string,
  subscriptions: Collections['webhookSubscriptions'],
  recent?: RecentReads<OrganizationSubscriptions>,
): EventPublisher {
  const repository = new WebhookSubscriptionRepository(subscriptions, recent);
  async function anyoneListens({ organizationId, channelAccountId, event }: WebhookEmission): Promise<boolean> {
    if (event.type === 'human_takeover') return true;
    return repository.anyWants(organizationId, channelAccountId, event.type);
  }

  return {
    async publish(emission) {
      if (!(await anyoneListens(emission))) return;
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
