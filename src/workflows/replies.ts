import { ActivityFailure, condition, TemporalFailure } from '@temporalio/workflow';
import {
  deliverReply,
  generateReply,
  recordGenerationFailure,
  reportDeliveryFailure,
  sendTypingIndicator,
} from './activity-proxies.js';
import type { ConversationKey, GenerationResult, ReplyTurn } from './contracts.js';
import type { OutboundMessageRequested } from './definitions.js';

/** A generation that produced text to send. */
export type GeneratedReply = Extract<GenerationResult, { outcome: 'generated' }>;

/** Generates; once the provider's retries are exhausted, the failure is recorded in the AI log. */
export async function generateOrRecordFailure(turn: ReplyTurn): Promise<GenerationResult> {
  try {
    return await generateReply(turn);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return recordGenerationFailure({ ...turn, reason: error.cause?.message ?? error.message });
  }
}

/**
 * Waits `ms` unless the bot may no longer reply (paused, AI off, closed): a pending reply is
 * dropped the moment a human takes over or the conversation closes. True when interrupted.
 */
async function interrupted(ms: number, canReply: () => boolean): Promise<boolean> {
  if (ms <= 0) return !canReply();
  return condition(() => !canReply(), ms);
}

/** Reply delay, typing, send: false when a human took over (or the conversation closed) meanwhile. */
export async function sendLikeAHuman(
  key: ConversationKey,
  turn: ReplyTurn,
  generation: GeneratedReply,
  canReply: () => boolean,
): Promise<boolean> {
  if (await interrupted(generation.replyDelaySeconds * 1000, canReply)) return false;
  try {
    await sendTypingIndicator({ ...turn });
  } catch (error) {
    // A failed local activity surfaces as the activity's own failure, not wrapped in ActivityFailure.
    if (!(error instanceof TemporalFailure)) throw error;
  }
  if (await interrupted(generation.typingMs, canReply)) return false;
  await send(key, { messageId: turn.replyMessageId, text: generation.text, author: 'ai' });
  return true;
}

/** Sends one message; a send that failed for a day is reported (`ai.reply.failed`) and the conversation goes on. */
export async function send(key: ConversationKey, message: OutboundMessageRequested): Promise<void> {
  const delivery = { ...key, replyMessageId: message.messageId };
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
