import { postSigned } from '../../lib/outbound-http.js';
import type { ChannelTarget, OutboundChannel } from '../channel.js';
import { answerOf, idText } from '../provider-http.js';

/** The generic channel: an integration's outbound hook URL and the secret its calls are signed with. */
export interface HookSettings {
  url: string;
  secret: string;
}

/**
 * Posts one event to the conversation's outbound hook: the envelope every event shares (account,
 * conversation, chat, recipient) plus the event's own fields, signed the Standard Webhooks way with
 * `deliveryId` as `webhook-id` and `Idempotency-Key`.
 */
async function postEvent(
  target: ChannelTarget,
  settings: HookSettings,
  deliveryId: string,
  event: Record<string, unknown>,
) {
  const { account, conversation } = target;
  const contact = await target.contact();
  return answerOf('channel hook', () =>
    postSigned(
      {
        url: settings.url,
        secret: settings.secret,
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
      target.outbound,
    ),
  );
}

/** The hook may answer `{ "message_id": "…" }` with the channel's id for the sent message. */
function parseChannelMessageId(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && 'message_id' in parsed ? idText(parsed.message_id) : null;
  } catch {
    // A hook may answer with an empty or non-JSON body; the send still succeeded.
    return null;
  }
}

export const hookChannel: OutboundChannel<HookSettings> = {
  async send(target, settings, message) {
    const answer = await postEvent(target, settings, message.id, {
      type: 'message.send',
      message: { id: message.id, kind: 'text', text: message.text, author: message.author },
    });
    return { channelMessageId: parseChannelMessageId(answer) };
  },
  async typing(target, settings, replyId) {
    await postEvent(target, settings, `${replyId}:typing`, { type: 'typing.start' });
  },
};
