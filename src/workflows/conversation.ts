import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  TemporalFailure,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ConversationActivities } from '../activities/index.js';
import type { GenerationResult } from '../activities/reply-generation.js';
import {
  changeControlsUpdate,
  inboundMessageSignal,
  outboundMessageSignal,
  type Actor,
  type ConversationControls,
  type ConversationRef,
  type ConversationWorkflowInput,
  type OutboundMessageRequested,
} from './definitions.js';
import { botState } from './bot-state.js';
import { searchAttributes } from './search-attributes.js';
import { RecentIds } from './recent-ids.js';

/**
 * Provider calls (and recording a failed turn): a few quick retries, then the turn is recorded as
 * failed and the next message gets a new chance. The attempt timeout sits above the longest
 * provider timeout allowed (600 s).
 */
const { generateReply, recordGenerationFailure, reportDeliveryFailure } = proxyActivities<ConversationActivities>({
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

/** Saving the controls waits out a MongoDB outage: the update answers once the change is stored. */
const { saveConversationControls } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * The typing indicator is ephemeral and best effort: a local activity (one marker event instead
 * of three history events) with a short timeout; if the hook does not take it, the reply goes anyway.
 */
const { sendTypingIndicator } = proxyLocalActivities<ConversationActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 2 },
});

/** Reply turns per run before continue-as-new. */
export const MAX_TURNS_PER_RUN = 100;

/**
 * One conversation, for its whole life. Inbound messages arrive as signals (deduplicated by message
 * id); each batch of waiting messages gets one reply, in seed 002's order: generate (rules, prompt,
 * provider, AI log) → `ai.reply.generated` → reply delay → typing → send → `ai.reply.sent` or
 * `ai.reply.failed`. Messages to send as they are (a test reply, a human agent's) arrive as signals
 * too and are sent between turns. Humans' controls (AI on/off, pause/resume, open/close) arrive as
 * updates and decide whether a turn is answered at all.
 */
export async function conversationWorkflow({
  conversation,
  controls: initial,
  carried,
}: ConversationWorkflowInput): Promise<void> {
  const controls: ConversationControls = {
    ...(carried?.controls ?? initial ?? { aiEnabled: true, botActive: true, status: 'open' }),
  };
  const pending: string[] = [...(carried?.pendingMessageIds ?? [])];
  const outbox: OutboundMessageRequested[] = [...(carried?.outbox ?? [])];
  const recent = new RecentIds(carried?.recentMessageIds ?? []);
  const canReply = () => controls.aiEnabled && controls.botActive && controls.status === 'open';

  /**
   * Applies a change once MongoDB's copy has it (a failed save leaves the state as it was), then
   * shows it in the Temporal UI. Changes run one at a time, in the order they arrived.
   */
  const changeControls = serialized(async (change: Partial<ConversationControls>, closing?: Closing, actor?: Actor) => {
    const next = { ...controls, ...change };
    const unchanged =
      next.aiEnabled === controls.aiEnabled && next.botActive === controls.botActive && next.status === controls.status;
    if (unchanged && !closing) return;
    // Pausing through an update is a human takeover: the save also emits `human_takeover`.
    const tookOver = actor && controls.botActive && !next.botActive;
    await saveConversationControls({
      organizationId: conversation.organizationId,
      conversationId: conversation.conversationId,
      controls: next,
      closing,
      takeover: tookOver ? { eventId: uuid4(), agent: actor } : undefined,
    });
    Object.assign(controls, next);
    upsertSearchAttributes([{ key: searchAttributes.botState, value: botState(controls) }]);
  });

  // A message that arrives while the AI is off, a human has taken over or the conversation is
  // closed is stored (by ingest) and left to the humans: it is not kept for a later turn.
  setHandler(inboundMessageSignal, ({ messageId }) => {
    if (recent.add(messageId) && canReply()) pending.push(messageId);
  });
  setHandler(outboundMessageSignal, async (message) => {
    if (!recent.add(message.messageId)) return;
    outbox.push(message);
    // A human wrote: the bot steps back until resumed.
    if (message.author === 'human') await changeControls({ botActive: false });
  });
  setHandler(changeControlsUpdate, async ({ actor, closing, ...change }) => {
    await changeControls(change, closing, actor);
    return { ...controls };
  });

  for (let turn = 0; turn < MAX_TURNS_PER_RUN && !workflowInfo().continueAsNewSuggested; turn++) {
    await condition(() => pending.length > 0 || outbox.length > 0);
    for (const message of outbox.splice(0)) await send(conversation, message);
    const triggers = pending.splice(0);
    if (triggers.length > 0 && canReply()) await replyTo(conversation, triggers, canReply);
  }

  await condition(allHandlersFinished);
  await continueAsNew<typeof conversationWorkflow>({
    conversation,
    carried: { controls, pendingMessageIds: pending, outbox, recentMessageIds: recent.toArray() },
  });
}

type Closing = { category: string | null; summary: string | null };

/**
 * Wraps an async function so calls run one after another, never interleaved at an `await`: two
 * controls updates arriving together must not both save a state computed from the same old one.
 */
function serialized<Args extends unknown[], Result>(fn: (...args: Args) => Promise<Result>) {
  let tail: Promise<unknown> = Promise.resolve();
  return (...args: Args): Promise<Result> => {
    const run = tail.then(() => fn(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Waits `ms` unless the bot may no longer reply (paused, AI off, closed): a pending reply is
 * dropped the moment a human takes over or the conversation closes. True when interrupted.
 */
async function interrupted(ms: number, canReply: () => boolean): Promise<boolean> {
  if (ms <= 0) return !canReply();
  return condition(() => !canReply(), ms);
}

async function replyTo(
  conversation: ConversationRef,
  triggerMessageIds: string[],
  canReply: () => boolean,
): Promise<void> {
  const turn = {
    organizationId: conversation.organizationId,
    conversationId: conversation.conversationId,
    triggerMessageIds,
    // Decided here, recorded in history: every retry and replay uses the same id, so one reply is sent once.
    replyMessageId: uuid4(),
  };
  let generation: GenerationResult;
  try {
    generation = await generateReply(turn);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    generation = await recordGenerationFailure({ ...turn, reason: error.cause?.message ?? error.message });
  }
  // A human may have taken over while the provider was thinking.
  if (!canReply()) return;
  // The activities announce the outcome (ai.reply.generated / ai.reply.failed) themselves.
  if (generation.outcome !== 'generated') return;
  if (await interrupted(generation.replyDelaySeconds * 1000, canReply)) return;
  try {
    await sendTypingIndicator({ ...turn });
  } catch (error) {
    // A failed local activity surfaces as the activity's own failure, not wrapped in ActivityFailure.
    if (!(error instanceof TemporalFailure)) throw error;
  }
  if (await interrupted(generation.typingMs, canReply)) return;
  await send(conversation, { messageId: turn.replyMessageId, text: generation.text, author: 'ai' });
}

async function send(conversation: ConversationRef, message: OutboundMessageRequested): Promise<void> {
  const delivery = {
    organizationId: conversation.organizationId,
    conversationId: conversation.conversationId,
    replyMessageId: message.messageId,
  };
  try {
    await deliverReply({ ...delivery, text: message.text, author: message.author });
  } catch (error) {
    // The hook rejected the message or stayed down for a day: the message stays `pending` in
    // MongoDB and the conversation goes on with the next inbound message.
    if (!(error instanceof ActivityFailure)) throw error;
    if (message.author === 'ai') {
      await reportDeliveryFailure({ ...delivery, reason: error.cause?.message ?? error.message });
    }
  }
}
