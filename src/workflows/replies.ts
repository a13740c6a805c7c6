import { ActivityFailure, CancellationScope, condition, patched, TemporalFailure } from '@temporalio/workflow';
import type { ReplyPart } from '../domain/typing.js';
import {
  deliverReply,
  generateReply,
  LONGEST_RETRY_INTERVAL_MS,
  pacedDelivery,
  recordGenerationFailure,
  recordedAsLocal,
  reportDeliveryFailure,
  sendTypingIndicator,
} from './activity-proxies.js';
import type { ConversationKey, DeliveryPace, GenerationWithAgent, ReplyDelivery, ReplyTurn } from './contracts.js';
import type { OutboundMessageRequested } from './definitions.js';
import { NO_LOCAL_ACTIVITIES_PATCH, PACED_DELIVERY_PATCH, SPLIT_MESSAGES_PATCH } from './patches.js';

/** A generation that produced text to send. */
export type GeneratedReply = Extract<GenerationWithAgent, { outcome: 'generated' }>;

/** Generates; once the provider's retries are exhausted, the failure is recorded in the AI log. */
export async function generateOrRecordFailure(
  turn: ReplyTurn,
  summary = 'generate reply',
): Promise<GenerationWithAgent> {
  try {
    return await generateReply.executeWithOptions({ summary }, [turn]);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return recordGenerationFailure.executeWithOptions({ summary: 'record failed generation' }, [
      { ...turn, reason: error.cause?.message ?? error.message },
    ]);
  }
}

/** How a pending reply ended: sent, dropped because a human took over, or dropped for a newer message. */
export type SendOutcome = 'sent' | 'held' | 'superseded';

/** How a pending reply ended, and how many of its messages (parts of a split reply) went out before. */
export interface SendResult {
  outcome: SendOutcome;
  partsSent: number;
}

/** What stops a pending reply: a human holding the conversation, a newer message from the contact. */
export interface Interruptions {
  held: () => boolean;
  superseded: () => boolean;
}

/** Waits `ms` (a timer named `summary`) unless interrupted; says what interrupted it, if anything. */
async function waitUnlessInterrupted(ms: number, stop: Interruptions, summary: string): Promise<SendOutcome> {
  const interrupted = () => stop.held() || stop.superseded();
  if (ms > 0) await condition(interrupted, ms, { summary });
  if (stop.held()) return 'held';
  return stop.superseded() ? 'superseded' : 'sent';
}

/** The messages a reply goes out as: its parts when it was split, else itself. */
function messagesOf(turn: ReplyTurn, generation: GeneratedReply): ReplyPart[] {
  if (generation.parts && generation.parts.length > 1 && patched(SPLIT_MESSAGES_PATCH)) return generation.parts;
  return [{ messageId: turn.replyMessageId, text: generation.text, typingMs: generation.typingMs }];
}

/** Right after the generation (no reply delay, first message) its configuration is seconds old: the send need not read it again. */
function versionForSend(generation: GeneratedReply, index: number): string | undefined {
  return generation.replyDelaySeconds === 0 && index === 0 ? generation.configurationVersion : undefined;
}

/**
 * Reply delay, then for each message of the reply (one, or its parts when split): typing
 * indicator, typing time, send. A human taking over (or closing) meanwhile stops what is not out
 * yet; so does a newer message from the contact (the next turn answers it).
 */
export async function sendLikeAHuman(
  key: ConversationKey,
  turn: ReplyTurn,
  generation: GeneratedReply,
  stop: Interruptions,
): Promise<SendResult> {
  if (!patched(PACED_DELIVERY_PATCH)) return sendLikeAHumanWithTimers(key, turn, generation, stop);
  const delayMs = generation.replyDelaySeconds * 1000;
  // Longer than a retry may wait (the server would cut it short): the reply delay is a timer.
  const delayByTimer = delayMs > LONGEST_RETRY_INTERVAL_MS;
  if (delayByTimer) {
    const delayed = await waitUnlessInterrupted(delayMs, stop, 'reply delay');
    if (delayed !== 'sent') return { outcome: delayed, partsSent: 0 };
  }
  const messages = messagesOf(turn, generation);
  for (const [index, message] of messages.entries()) {
    const part = messages.length > 1 ? ` part ${index + 1} of ${messages.length}` : '';
    const pace: DeliveryPace = {
      waitMs: index === 0 && !delayByTimer ? delayMs : 0,
      typingMs: message.typingMs,
      showTyping: generation.typingShownFor !== message.messageId,
    };
    const configurationVersion = versionForSend(generation, index);
    const outcome = await deliverUnlessInterrupted(
      { ...key, replyMessageId: message.messageId, text: message.text, author: 'ai', configurationVersion, pace },
      stop,
      `deliver reply${part}`,
    );
    if (outcome !== 'sent') return { outcome, partsSent: index };
  }
  return { outcome: 'sent', partsSent: messages.length };
}

/**
 * A paced delivery (`DeliveryPace`), cancelled if a human or a newer message interrupts before it
 * is done. Sent when the delivery completed, even after the interruption (its attempt was already
 * sending); a send that failed for a day is reported and counts as sent, as in `send`.
 */
async function deliverUnlessInterrupted(
  delivery: ReplyDelivery,
  stop: Interruptions,
  summary: string,
): Promise<SendOutcome> {
  const interrupted = () => stop.held() || stop.superseded();
  const interruption = (): SendOutcome => (stop.held() ? 'held' : 'superseded');
  if (interrupted()) return interruption();
  const scope = new CancellationScope();
  const delivered = scope.run(() => pacedDelivery.executeWithOptions({ summary }, [delivery]));
  let settled = false;
  const settle = () => (settled = true);
  delivered.then(settle, settle);
  await condition(() => settled || interrupted());
  // What interrupted it, as the workflow saw it then (a pause may be resumed before the cancel is done).
  const interruptedBy = settled ? null : interruption();
  if (interruptedBy) scope.cancel();
  try {
    await delivered;
    return 'sent';
  } catch (error) {
    if (interruptedBy) return interruptedBy;
    if (!(error instanceof ActivityFailure)) throw error;
    await reportFailedDelivery(delivery, error);
    return 'sent';
  }
}

/** Runs recorded before PACED_DELIVERY_PATCH: the waits are workflow timers, typing an activity of its own. */
async function sendLikeAHumanWithTimers(
  key: ConversationKey,
  turn: ReplyTurn,
  generation: GeneratedReply,
  stop: Interruptions,
): Promise<SendResult> {
  const delayed = await waitUnlessInterrupted(generation.replyDelaySeconds * 1000, stop, 'reply delay');
  if (delayed !== 'sent') return { outcome: delayed, partsSent: 0 };
  const messages = messagesOf(turn, generation);
  for (const [index, message] of messages.entries()) {
    const part = messages.length > 1 ? ` part ${index + 1} of ${messages.length}` : '';
    if (generation.typingShownFor !== message.messageId) await showTyping(turn, message.messageId, part);
    const typed = await waitUnlessInterrupted(message.typingMs, stop, `typing${part}`);
    if (typed !== 'sent') return { outcome: typed, partsSent: index };
    const configurationVersion = versionForSend(generation, index);
    await send(key, { messageId: message.messageId, text: message.text, author: 'ai' }, configurationVersion);
  }
  return { outcome: 'sent', partsSent: messages.length };
}

/** The typing indicator of one message. Best effort: a failure leaves the message to go out all the same. */
async function showTyping(turn: ReplyTurn, messageId: string, part: string): Promise<void> {
  try {
    const typing = patched(NO_LOCAL_ACTIVITIES_PATCH) ? sendTypingIndicator : recordedAsLocal.sendTypingIndicator;
    // The workflow's clock, not the worker's wall clock: WhatsApp's window.
    await typing.executeWithOptions({ summary: `typing indicator${part}` }, [
      { ...turn, replyMessageId: messageId, now: Date.now() },
    ]);
  } catch (error) {
    // An ActivityFailure, or a local activity's own failure (not wrapped): both TemporalFailures.
    if (!(error instanceof TemporalFailure)) throw error;
  }
}

/** Sends one message; a send that failed for a day is reported (`ai.reply.failed`) and the conversation goes on. */
export async function send(
  key: ConversationKey,
  message: OutboundMessageRequested,
  /** The generation's, when the send follows it at once (see `ReplyDelivery`). */
  configurationVersion?: string,
): Promise<void> {
  const delivery = { ...key, replyMessageId: message.messageId };
  try {
    await deliverReply.executeWithOptions(
      { summary: `deliver ${message.author === 'ai' ? 'reply' : `${message.author} message`}` },
      [{ ...delivery, text: message.text, author: message.author, sentBy: message.sentBy, configurationVersion }],
    );
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await reportFailedDelivery({ ...delivery, author: message.author }, error);
  }
}

/**
 * The hook rejected the message or stayed down for a day: the message stays `pending` in MongoDB
 * and the conversation goes on with the next inbound message; an AI reply's failure is announced.
 */
async function reportFailedDelivery(
  delivery: Pick<ReplyDelivery, 'organizationId' | 'conversationId' | 'replyMessageId' | 'author'>,
  error: ActivityFailure,
): Promise<void> {
  if (delivery.author !== 'ai') return;
  const { organizationId, conversationId, replyMessageId } = delivery;
  await reportDeliveryFailure.executeWithOptions({ summary: 'report failed delivery' }, [
    { organizationId, conversationId, replyMessageId, reason: error.cause?.message ?? error.message },
  ]);
}
