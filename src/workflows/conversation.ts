import {
  ActivityFailure,
  allHandlersFinished,
  TemporalFailure,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ConversationActivities } from '../activities/index.js';
import { inboundMessageSignal, type ConversationRef, type ConversationWorkflowInput } from './definitions.js';
import { RecentIds } from './recent-ids.js';

/**
 * Provider calls: a few quick retries, then the turn is recorded as failed and the next message gets
 * a new chance. The attempt timeout sits above the longest provider timeout allowed (600 s).
 */
const { generateReply, recordGenerationFailure } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '11 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/**
 * Channel sends: keep trying through a channel outage for a day (WhatsApp's customer-service window);
 * the idempotency key makes retries safe.
 */
const { deliverReply } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The typing indicator is ephemeral and best effort: a local activity (one marker event instead
 * of three history events) with a short timeout; if the hook does not take it, the reply goes anyway.
 */
const { sendTypingIndicator } = proxyLocalActivities<ConversationActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 2 },
});

/** Reply turns per run before continue-as-new; each turn adds about 16 history events. */
export const MAX_TURNS_PER_RUN = 100;

/**
 * One conversation, for its whole life. Inbound messages arrive as signals (deduplicated by message
 * id); each batch of waiting messages gets one reply: generate (AI log) → typing indicator → deliver
 * through the channel.
 */
export async function conversationWorkflow({ conversation, carried }: ConversationWorkflowInput): Promise<void> {
  const pending: string[] = [...(carried?.pendingMessageIds ?? [])];
  const recent = new RecentIds(carried?.recentMessageIds ?? []);

  setHandler(inboundMessageSignal, ({ messageId }) => {
    if (recent.add(messageId)) pending.push(messageId);
  });

  for (let turn = 0; turn < MAX_TURNS_PER_RUN && !workflowInfo().continueAsNewSuggested; turn++) {
    await condition(() => pending.length > 0);
    await replyTo(conversation, pending.splice(0));
  }

  await condition(allHandlersFinished);
  await continueAsNew<typeof conversationWorkflow>({
    conversation,
    carried: { pendingMessageIds: pending, recentMessageIds: recent.toArray() },
  });
}

async function replyTo(conversation: ConversationRef, triggerMessageIds: string[]): Promise<void> {
  const turn = {
    organizationId: conversation.organizationId,
    conversationId: conversation.conversationId,
    triggerMessageIds,
    // Decided here, recorded in history: every retry and replay uses the same id, so one reply is sent once.
    replyMessageId: uuid4(),
  };
  let generation;
  try {
    generation = await generateReply(turn);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await recordGenerationFailure({ ...turn, reason: error.cause?.message ?? error.message });
    return;
  }
  if (generation.outcome !== 'generated') return;
  try {
    await sendTypingIndicator({
      organizationId: turn.organizationId,
      conversationId: turn.conversationId,
      replyMessageId: turn.replyMessageId,
    });
  } catch (error) {
    // A failed local activity surfaces as the activity's own failure, not wrapped in ActivityFailure.
    if (!(error instanceof TemporalFailure)) throw error;
  }
  try {
    await deliverReply({
      organizationId: turn.organizationId,
      conversationId: turn.conversationId,
      replyMessageId: turn.replyMessageId,
      text: generation.text,
      author: 'ai',
    });
  } catch (error) {
    // The hook rejected the message or stayed down for a day: the message stays `pending` in
    // MongoDB and the conversation goes on with the next inbound message.
    if (!(error instanceof ActivityFailure)) throw error;
  }
}
