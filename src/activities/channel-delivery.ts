import { ApplicationFailure, activityInfo } from '@temporalio/activity';
import { ApplicationFailureCategory } from '@temporalio/common';
import { ChannelCallFailed, ChannelSendSkipped, type ChannelTarget } from '../channels/channel.js';
import { channelOf } from '../channels/index.js';
import type { ConversationRoute } from '../domain/model.js';
import type { ConversationKey, DeliveryPace, ReplyDelivery } from '../workflows/contracts.js';
import type { WorkerMetrics } from '../lib/metrics.js';
import type { OutboundPolicy } from '../lib/outbound-http.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Repositories } from '../store/repositories.js';
import type { EventPublisher } from '../engine/event-publisher.js';
import type { ConversationReads } from './conversation-reads.js';
import { conversationEvent } from './event-publisher.js';

export interface ChannelDeliveryDeps {
  store: Pick<Repositories, 'conversations' | 'messages' | 'aiLogs'>;
  readsOf: (key: ConversationKey, knownVersion?: string) => ConversationReads;
  secretBox: SecretBox;
  outbound: OutboundPolicy;
  events: EventPublisher;
  metrics: Pick<WorkerMetrics, 'repliesSent' | 'repliesFailed'>;
}

/** How long showing "typing…" may hold up a reply: it is best effort, the reply goes out all the same. */
const TYPING_INDICATOR_BOUND_MS = 5_000;

/** A paced delivery's wait (see `DeliveryPace`): its attempt ends, and Temporal retries after `ms`. */
function waitBeforeNextAttempt(ms: number, what: string): ApplicationFailure {
  return ApplicationFailure.create({
    message: `${what}: next attempt in ${ms} ms`,
    type: 'PacedDelivery',
    nextRetryDelay: ms,
    // Not a failure: logged at debug and kept out of the SDK's failure metrics.
    category: ApplicationFailureCategory.BENIGN,
  });
}

/**
 * The attempts of a paced delivery before its first send attempt: a reply delay, typing. Without
 * a typing time of its own, "typing…" shows just before the first send.
 */
function pacingStepsOf(pace: DeliveryPace | undefined): ('reply delay' | 'typing')[] {
  if (!pace) return [];
  return [...(pace.waitMs > 0 ? ['reply delay' as const] : []), ...(pace.typingMs > 0 ? ['typing' as const] : [])];
}

/**
 * A paced delivery's steps before the send (see `DeliveryPace`), one attempt each: the first waits
 * the reply delay, the next shows typing and waits the typing time, the next sends (and so does any
 * retry of the send). Told by the attempt's number, not by clocks: the Java test server dates a
 * retry's attempt from the failure before it, the Temporal server from when it is due. Throws to
 * wait; returns when the message may go out.
 */
export async function paceLikeAHuman(
  pace: DeliveryPace | undefined,
  showTyping: () => Promise<unknown>,
): Promise<void> {
  if (!pace) return;
  const steps = pacingStepsOf(pace);
  const { attempt } = activityInfo();
  const step = steps[attempt - 1];
  if (step === 'reply delay') throw waitBeforeNextAttempt(pace.waitMs, step);
  const typingNow = step === 'typing' || (pace.typingMs === 0 && attempt === steps.length + 1);
  if (pace.showTyping && typingNow) await showTyping();
  if (step === 'typing') throw waitBeforeNextAttempt(pace.typingMs, step);
}

/** A provider's failure as Temporal retries it: "later" answers and no answer again, the rest never. */
function asActivityFailure(error: unknown): unknown {
  if (!(error instanceof ChannelCallFailed)) return error;
  return error.retryable
    ? ApplicationFailure.retryable(error.message, 'ChannelUnavailable')
    : ApplicationFailure.nonRetryable(error.message, 'ChannelRejected');
}

export function createChannelDeliveryActivities({
  store,
  readsOf,
  secretBox,
  outbound,
  events,
  metrics,
}: ChannelDeliveryDeps) {
  const { conversations, messages, aiLogs } = store;
  /**
   * The conversation's channel (native provider or outbound hook) and what a send to it needs to know.
   * `now` is the workflow's clock: the activity's scheduled time, or the workflow's `Date.now()` the
   * typing indicator passes (runs recorded before ran it as a local activity, whose own scheduled
   * time is the worker's wall clock, which time-skipping tests do not move).
   */
  async function channelFor(reads: ConversationReads, now = activityInfo().currentAttemptScheduledTimestampMs) {
    const [conversation, account] = await Promise.all([reads.route(), reads.account()]);
    if (!account) {
      throw ApplicationFailure.nonRetryable(`channel account ${conversation.channelAccountId} not found`, 'NotFound');
    }
    const target: ChannelTarget = {
      account,
      conversation,
      contact: reads.contact,
      lastInbound: reads.lastInbound,
      now: new Date(now),
      outbound,
    };
    return { ...channelOf(account, secretBox), target };
  }

  /**
   * A message the channel's rules forbid sending (WhatsApp's 24-hour window): the message and its
   * AI log say why, and `ai.reply.failed` tells subscribers. Not retried.
   */
  async function recordSkippedSend(
    reads: ConversationReads,
    conversation: ConversationRoute,
    delivery: ReplyDelivery,
    reason: string,
  ) {
    await Promise.all([
      messages.setDelivery(delivery.replyMessageId, { deliveryStatus: 'skipped', deliveryError: reason }),
      aiLogs.set(conversation.organizationId, delivery.replyMessageId, { outcome: 'skipped', reason }),
    ]);
    if (delivery.author === 'ai') {
      await events.publish(
        conversationEvent(conversation, 'ai.reply.failed', delivery.replyMessageId, {
          message_id: delivery.replyMessageId,
          stage: 'delivery',
          reason,
        }),
        reads.subscriptions,
      );
    }
  }

  /** "typing…" for a reply about to go out: best effort, at most TYPING_INDICATOR_BOUND_MS; says whether it showed. */
  async function showTypingBriefly(turn: ConversationKey & { replyMessageId: string }, reads: ConversationReads) {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      deliveryActivities.sendTypingIndicator(turn, reads).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), TYPING_INDICATOR_BOUND_MS))),
    ])
      .catch(() => false)
      .finally(() => clearTimeout(timer));
  }

  const deliveryActivities = {
    /**
     * Shows "typing…" in the chat. Best effort: the workflow gives it a short timeout and sends anyway.
     * `reads`: the generation's, when it shows typing itself (turn-steps.ts).
     */
    async sendTypingIndicator(
      turn: ConversationKey & {
        replyMessageId: string;
        /** The workflow's `Date.now()` when it decided to type (absent in runs recorded before). */
        now?: number;
      },
      reads = readsOf(turn),
    ): Promise<void> {
      const { channel, settings, target } = await channelFor(reads, turn.now);
      try {
        await channel.typing(target, settings, turn.replyMessageId);
      } catch (error) {
        throw asActivityFailure(error);
      }
    },

    /**
     * Stores the outbound message (once) and sends it through the conversation's channel (provider API or
     * outbound hook). Every attempt carries the same id (the hook's `webhook-id`/`Idempotency-Key`), and a message already marked sent is never
     * posted again, so Temporal's retries cannot produce a second send.
     */
    async deliverReply(delivery: ReplyDelivery): Promise<{ channelMessageId: string | null }> {
      const { organizationId, conversationId, replyMessageId } = delivery;
      const firstSendAttempt = activityInfo().attempt <= pacingStepsOf(delivery.pace).length + 1;
      const reads = readsOf(delivery, firstSendAttempt ? delivery.configurationVersion : undefined);
      await paceLikeAHuman(delivery.pace, () => showTypingBriefly(delivery, reads));
      const conversation = await reads.route();
      const message = await messages.insertOutboundOnce({
        _id: replyMessageId,
        organizationId,
        conversationId,
        channelAccountId: conversation.channelAccountId,
        direction: 'outbound',
        author: delivery.author,
        ...(delivery.sentBy ? { sentBy: delivery.sentBy } : {}),
        kind: 'text',
        text: delivery.text,
        channelMessageId: null,
        deliveryStatus: 'pending',
        createdAt: new Date(),
        sentAt: null,
      });
      if (message?.deliveryStatus === 'skipped') return { channelMessageId: null };
      let channelMessageId = message?.channelMessageId ?? null;
      if (message?.deliveryStatus !== 'sent') {
        const { channel, settings, target } = await channelFor(reads);
        try {
          ({ channelMessageId } = await channel.send(target, settings, {
            id: replyMessageId,
            text: delivery.text,
            author: delivery.author,
          }));
        } catch (error) {
          if (!(error instanceof ChannelSendSkipped)) throw asActivityFailure(error);
          await recordSkippedSend(reads, conversation, delivery, error.reason);
          return { channelMessageId: null };
        }
        metrics.repliesSent.inc({ author: delivery.author });
        const sentAt = new Date();
        await messages.setDelivery(replyMessageId, { deliveryStatus: 'sent', sentAt, channelMessageId });
        await conversations.recordSentAt(organizationId, conversationId, sentAt);
      }
      // Announced even when a retry finds the message already sent: the event id makes it once.
      if (delivery.author === 'ai') {
        await events.publish(
          conversationEvent(conversation, 'ai.reply.sent', replyMessageId, {
            message_id: replyMessageId,
            text: delivery.text,
            channel_message_id: channelMessageId,
          }),
          reads.subscriptions,
        );
      }
      return { channelMessageId };
    },

    /** After the last retry of a send: `ai.reply.failed` (the message stays `pending`). */
    async reportDeliveryFailure(failure: {
      organizationId: string;
      conversationId: string;
      replyMessageId: string;
      reason: string;
    }): Promise<void> {
      const reads = readsOf(failure);
      const conversation = await reads.route();
      await messages.markFailedIfPending(failure.organizationId, failure.replyMessageId, failure.reason);
      metrics.repliesFailed.inc({ stage: 'delivery' });
      await events.publish(
        conversationEvent(conversation, 'ai.reply.failed', failure.replyMessageId, {
          message_id: failure.replyMessageId,
          stage: 'delivery',
          reason: failure.reason,
        }),
        reads.subscriptions,
      );
    },
  };
  return { ...deliveryActivities, showTypingBriefly };
}
