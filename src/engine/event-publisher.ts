import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { WebhookEmission } from '../domain/model.js';
import type { OrganizationSubscriptions } from '../store/recent-reads.js';
import type { WebhookSubscriptionRepository } from '../store/webhooks.js';
import { webhookEventWorkflowType } from '../workflows/definitions.js';

/** An organization's subscriptions as the publisher's caller read them (an activity's kept configuration). */
export type KnownSubscriptions = () => Promise<OrganizationSubscriptions>;

/** Starts webhook events; implemented with the Temporal client, faked nowhere (tests use a real server). */
export interface EventPublisher {
  /**
   * `subscriptions`: the organization's, as the caller has read them (an activity's kept
   * configuration); else the publisher asks its repository.
   */
  publish(emission: WebhookEmission, subscriptions?: KnownSubscriptions): Promise<void>;
}

/**
 * Each event is its own workflow, `webhook-event/<organizationId>/<event id>`, started by the
 * activity (or API request) that caused it: the conversation's history stays free of it, and a retried activity
 * starting it again finds it already there. An event nobody subscribes to starts nothing (most
 * replies on most accounts): who gets a delivery is still decided when the workflow runs. A
 * `human_takeover` always starts one, for the channel's own takeover webhook. With the API's
 * repository, whether anyone listens is answered from the subscriptions read a moment ago: a
 * subscription made through another API process starts getting its events within the cache's TTL.
 */
export function temporalEventPublisher(
  client: Client,
  taskQueue: string,
  repository: Pick<WebhookSubscriptionRepository, 'anyWants'>,
): EventPublisher {
  async function anyoneListens(
    { organizationId, channelAccountId, event }: WebhookEmission,
    subscriptions?: KnownSubscriptions,
  ): Promise<boolean> {
    if (event.type === 'human_takeover') return true;
    return repository.anyWants(organizationId, channelAccountId, event.type, await subscriptions?.());
  }

  return {
    async publish(emission, subscriptions) {
      if (!(await anyoneListens(emission, subscriptions))) return;
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
