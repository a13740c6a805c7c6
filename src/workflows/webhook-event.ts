import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { ConversationActivities } from '../activities/index.js';
import type { WebhookEmission } from '../domain/model.js';

const { prepareWebhookDeliveries, markWebhookFailed } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '30 seconds',
});

/** Subscribers get a day of retries, backing off to 10 minutes between attempts. */
const { deliverWebhook } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * One event (`ai.reply.sent`, `human_takeover`, …) to every subscription of the account that wants
 * it (and, for a takeover, the channel's human-takeover webhook), each delivery retried on its own.
 * Started by the activity that caused the event (see engine/event-publisher.ts), so a slow
 * subscriber never holds up a conversation and the conversation's history stays short.
 */
export async function webhookEventWorkflow(emission: WebhookEmission): Promise<void> {
  const deliveryIds = await prepareWebhookDeliveries(emission);
  await Promise.all(
    deliveryIds.map(async (deliveryId) => {
      try {
        await deliverWebhook({ deliveryId });
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        await markWebhookFailed({ deliveryId, reason: error.cause?.message ?? error.message });
      }
    }),
  );
}
