import { ApplicationFailure } from '@temporalio/activity';
import type { Conversation } from '../domain/model.js';
import type { ReplyDelivery } from '../workflows/contracts.js';
import { requireConversation } from './conversation-lookup.js';
import { OutboundTargetRefused, postSigned, type OutboundPolicy } from '../lib/outbound-http.js';
import type { WorkerMetrics } from '../lib/metrics.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Collections } from '../store/database.js';
import { conversationEvent, type EventPublisher } from './event-publisher.js';
import { hookSecretOf } from './signing-secrets.js';

export interface ChannelDeliveryDeps {
  collections: Pick<Collections, 'channelAccounts' | 'conversations' | 'contacts' | 'messages'>;
  secretBox: SecretBox;
  outbound: OutboundPolicy;
  events: EventPublisher;
  metrics: Pick<WorkerMetrics, 'repliesSent' | 'repliesFailed'>;
}

/**
 * Whether retrying a call the receiver answered with `status` can help: 5xx and the 4xx answers that
 * mean "later" (408, 409, 425, 429). Other 4xx reject the call itself. (No answer at all is retried.)
 */
export function isRetryableHookStatus(status: number): boolean {
  return status >= 500 || [408, 409, 425, 429].includes(status);
}

export function createChannelDeliveryActivities({
  collections,
  secretBox,
  outbound,
  events,
  metrics,
}: ChannelDeliveryDeps) {
  /**
   * Posts one event to the conversation's channel hook: the envelope every event shares (account,
   * conversation, chat, recipient) plus the event's own fields, signed, with `deliveryId` as
   * `webhook-id`. Returns the hook's body; throws a retryable or final failure otherwise.
   */
  async function postToChannelHook(
    conversation: Conversation,
    deliveryId: string,
    event: Record<string, unknown>,
  ): Promise<string> {
    const { organizationId } = conversation;
    const [account, contact] = await Promise.all([
      collections.channelAccounts.findOne({ _id: conversation.channelAccountId, organizationId }),
      collections.contacts.findOne({ _id: conversation.contactId, organizationId }),
    ]);
    if (!account) {
      throw ApplicationFailure.nonRetryable(`channel account ${conversation.channelAccountId} not found`, 'NotFound');
    }
    let response;
    try {
      response = await postSigned(
        {
          url: account.outboundHookUrl,
          secret: hookSecretOf(secretBox, account),
          deliveryId,
          payload: {
            ...event,
            channel_account_id: account._id,
            conversation_id: conversation._id,
            chat_id: conversation.chatId,
            chat_type: conversation.chatType,
            to: contact ? { contact_id: contact._id, external_id: contact.externalId, phone: contact.phone } : null,
            timestamp: new Date().toISOString(),
          },
        },
        outbound,
      );
    } catch (error) {
      if (error instanceof OutboundTargetRefused) throw ApplicationFailure.nonRetryable(error.message, 'HookRefused');
      throw error;
    }
    if (response.status >= 400) {
      // Status only: the hook's body is whatever its server says, and this text reaches logs and Temporal.
      const failure = `channel hook answered ${response.status}`;
      if (!isRetryableHookStatus(response.status)) throw ApplicationFailure.nonRetryable(failure, 'HookRejected');
      throw ApplicationFailure.retryable(failure, 'HookUnavailable');
    }
    return response.body;
  }

  return {
    /** Shows "typing…" in the chat. Best effort: the workflow runs it as a short local activity. */
    async sendTypingIndicator(turn: {
      organizationId: string;
      conversationId: string;
      replyMessageId: string;
    }): Promise<void> {
      const conversation = await requireConversation(collections.conversations, turn);
      await postToChannelHook(conversation, `${turn.replyMessageId}:typing`, { type: 'typing.start' });
    },

    /**
     * Stores the outbound message (once) and posts it to the channel's outbound hook. Every attempt
     * carries the same `webhook-id`/`Idempotency-Key`, and a message already marked sent is never
     * posted again, so Temporal's retries cannot produce a second send.
     */
    async deliverReply(delivery: ReplyDelivery): Promise<{ channelMessageId: string | null }> {
      const { organizationId, conversationId, replyMessageId } = delivery;
      const conversation = await requireConversation(collections.conversations, delivery);
      const message = await collections.messages.findOneAndUpdate(
        { _id: replyMessageId },
        {
          $setOnInsert: {
            organizationId,
            conversationId,
            channelAccountId: conversation.channelAccountId,
            direction: 'outbound',
            author: delivery.author,
            kind: 'text',
            text: delivery.text,
            channelMessageId: null,
            deliveryStatus: 'pending',
            createdAt: new Date(),
            sentAt: null,
          },
        },
        { upsert: true, returnDocument: 'after' },
      );
      let channelMessageId = message?.channelMessageId ?? null;
      if (message?.deliveryStatus !== 'sent') {
        const answer = await postToChannelHook(conversation, replyMessageId, {
          type: 'message.send',
          message: { id: replyMessageId, kind: 'text', text: delivery.text, author: delivery.author },
        });
        channelMessageId = parseChannelMessageId(answer);
        metrics.repliesSent.inc({ author: delivery.author });
        const sentAt = new Date();
        await collections.messages.updateOne(
          { _id: replyMessageId },
          { $set: { deliveryStatus: 'sent', sentAt, channelMessageId } },
        );
        await collections.conversations.updateOne(
          { _id: conversationId, organizationId },
          { $max: { lastMessageAt: sentAt } },
        );
      }
      // Announced even when a retry finds the message already sent: the event id makes it once.
      if (delivery.author === 'ai') {
        await events.publish(
          conversationEvent(conversation, 'ai.reply.sent', replyMessageId, {
            message_id: replyMessageId,
            text: delivery.text,
            channel_message_id: channelMessageId,
          }),
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
      const conversation = await requireConversation(collections.conversations, failure);
      metrics.repliesFailed.inc({ stage: 'delivery' });
      await events.publish(
        conversationEvent(conversation, 'ai.reply.failed', failure.replyMessageId, {
          message_id: failure.replyMessageId,
          stage: 'delivery',
          reason: failure.reason,
        }),
      );
    },
  };
}

/** The hook may answer `{ "message_id": "…" }` with the channel's id for the sent message. */
function parseChannelMessageId(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'message_id' in parsed && typeof parsed.message_id === 'string') {
      return parsed.message_id;
    }
  } catch {
    // A hook may answer with an empty or non-JSON body; the send still succeeded.
  }
  return null;
}
