import { ActivityCancellationType, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ConversationActivities } from '../activities/index.js';

/**
 * The conversation workflow's handles on its activities, each group with the timeouts and retries
 * its kind of I/O needs. Only the activities' interface type is imported: no activity code ends up
 * in the workflow bundle.
 */

/**
 * Provider calls (and recording a failed turn): a few quick retries, then the turn is recorded as
 * failed and the next message gets a new chance. The attempt timeout sits above the longest
 * provider timeout allowed (600 s).
 */
export const {
  generateReply,
  recordGenerationFailure,
  reportDeliveryFailure,
  runAgentAction,
  planFollowup,
  prepareFollowup,
} = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '11 minutes',
  // The activities heartbeat while they run: a crashed worker's attempt is retried within seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/**
 * The longest a send waits between attempts. The server caps every retry's delay at it, a paced
 * delivery's waits too (`DeliveryPace`): a longer reply delay is a workflow timer (`replies.ts`).
 */
export const LONGEST_RETRY_INTERVAL_MS = 60_000;

/**
 * Channel sends: keep trying through a channel outage for a day (WhatsApp's customer-service window);
 * the idempotency key makes retries safe.
 */
const deliveryOptions = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: LONGEST_RETRY_INTERVAL_MS },
} as const;
export const { deliverReply } = proxyActivities<ConversationActivities>(deliveryOptions);

/**
 * A reply delivered like a human (`DeliveryPace`): cancelled when a human or a newer message
 * interrupts, and the workflow waits for the server's answer, so it knows whether the message went
 * out (an attempt already sending finishes) or not (one waiting for its next attempt is cancelled).
 */
export const pacedDelivery = proxyActivities<ConversationActivities>({
  ...deliveryOptions,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
}).deliverReply;

/**
 * Saving the controls (and what the AI log says of a turn the bot did not answer) waits out a
 * MongoDB outage: the update answers once the change is stored. An attempt is one quick write: a
 * short timeout gets a task that a stopping worker took and dropped going again within seconds
 * (at 30 s, a human's pause during a deploy waited that long).
 */
export const { saveConversationControls, recordDroppedReply, recordUnansweredMessages } =
  proxyActivities<ConversationActivities>({
    startToCloseTimeout: '10 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });

/**
 * The typing indicator is ephemeral and best effort: a short timeout, and if the hook does not take
 * it the reply goes anyway.
 */
const typingIndicatorOptions = { startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 2 } } as const;
export const { sendTypingIndicator } = proxyActivities<ConversationActivities>(typingIndicatorOptions);

/** Reading the conversation's agent is one quick query. */
const agentLookupOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
} as const;
export const { resolveConversationAgent } = proxyActivities<ConversationActivities>(agentLookupOptions);

/**
 * The same two as local activities (one marker event each), as runs recorded before
 * NO_LOCAL_ACTIVITIES_PATCH ran them: such runs replay them so.
 */
export const recordedAsLocal = {
  sendTypingIndicator: proxyLocalActivities<ConversationActivities>(typingIndicatorOptions).sendTypingIndicator,
  resolveConversationAgent: proxyLocalActivities<ConversationActivities>(agentLookupOptions).resolveConversationAgent,
};
