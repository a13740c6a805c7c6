/**
 * Chatwoot as an Agent Bot (chatwoot/chatwoot `app/listeners/agent_bot_listener.rb`): events are
 * `message.webhook_data` or `conversation.webhook_data` plus `event`. A conversation in `pending` is
 * the bot's; `open` belongs to the humans. Replies, typing and the handoff use the Application API
 * with the bot's `api_access_token`.
 */
import { z } from 'zod';
import type { MessageKind, MessageMedia } from '../../domain/model.js';
import { WebhookRejected, type ChannelTarget, type InboundEvent, type NativeChannel } from '../channel.js';
import { callProvider, idText } from '../provider-http.js';
import { hmacSha256Hex, requireSecret } from '../proof.js';
import { ChatwootSettings, chatwootSecretFields } from './settings.js';

export { ChatwootSettings } from './settings.js';

/** Signed events older (or newer) than this are refused: a captured event cannot be replayed later. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

const Sender = z.object({
  id: z.number().optional(),
  name: z.string().nullish(),
  phone_number: z.string().nullish(),
  type: z.string().optional(),
});
const Conversation = z.object({
  id: z.number(),
  status: z.string().optional(),
  meta: z.object({ sender: Sender.optional() }).optional(),
});
const Attachment = z.object({ file_type: z.string().optional(), data_url: z.string().nullish() });
const Event = z.object({
  event: z.string(),
  id: z.number().optional(),
  status: z.string().optional(),
  message_type: z.string().optional(),
  private: z.boolean().optional(),
  content: z.string().nullish(),
  created_at: z.union([z.string(), z.number()]).optional(),
  sender: Sender.optional(),
  conversation: Conversation.optional(),
  attachments: z.array(Attachment).optional(),
});

const attachmentKinds: Record<string, MessageKind> = {
  image: 'image',
  audio: 'audio',
  video: 'video',
  file: 'document',
};

function contentOf(event: z.infer<typeof Event>): { kind: MessageKind; media?: MessageMedia } {
  const attachment = event.attachments?.[0];
  if (!attachment) return { kind: 'text' };
  const media = { id: null, url: attachment.data_url ?? null, mimeType: null, fileName: null };
  return { kind: attachmentKinds[attachment.file_type ?? ''] ?? 'other', media };
}

/** `pending` is the bot's, `open` the humans'; other statuses (resolved, snoozed) change nothing here. */
function controlFor(chatId: string, status: string | undefined): InboundEvent[] {
  if (status === 'pending') return [{ kind: 'control', chatId, botActive: true }];
  if (status === 'open') return [{ kind: 'control', chatId, botActive: false }];
  return [];
}

function parseMessage(event: z.infer<typeof Event>): InboundEvent[] {
  const conversation = event.conversation;
  if (!conversation || event.id === undefined || event.private) return [];
  const chatId = String(conversation.id);
  const incoming = event.message_type === 'incoming';
  // The bot's own replies come back as outgoing messages of an `agent_bot` sender.
  const byHuman = event.message_type === 'outgoing' && event.sender?.type === 'user';
  if (!incoming && !byHuman) return [];
  const contact = incoming ? event.sender : conversation.meta?.sender;
  if (contact?.id === undefined) return [];
  const { kind, media } = contentOf(event);
  const message: InboundEvent = {
    kind: 'message',
    channelMessageId: String(event.id),
    chat: { id: chatId, type: 'private' },
    from: { id: String(contact.id), name: contact.name ?? undefined, phone: contact.phone_number ?? undefined },
    sentBy: incoming ? 'contact' : 'human',
    messageKind: kind,
    text: event.content ?? '',
    media,
    sentAt: typeof event.created_at === 'number' ? new Date(event.created_at * 1000) : undefined,
  };
  // The conversation's status decides first: a message in an `open` conversation is the humans'.
  return incoming ? [...controlFor(chatId, conversation.status), message] : [message];
}

function conversationUrl(settings: ChatwootSettings, target: ChannelTarget, action: string) {
  const base = settings.base_url.replace(/\/+$/, '');
  return `${base}/api/v1/accounts/${settings.account_id}/conversations/${target.conversation.chatId}/${action}`;
}

function callChatwoot(target: ChannelTarget, settings: ChatwootSettings, action: string, payload: unknown) {
  return callProvider(
    `Chatwoot ${action}`,
    { url: conversationUrl(settings, target, action), headers: { api_access_token: settings.bot_token }, payload },
    target.outbound,
  );
}

export const chatwootChannel: NativeChannel<ChatwootSettings> = {
  type: 'chatwoot',
  pathName: 'chatwoot',
  settingsSchema: ChatwootSettings,
  secretFields: chatwootSecretFields,
  urlFields: ['base_url'],

  verify(request, settings) {
    if (!settings.webhook_secret) return;
    const timestamp = request.header('x-chatwoot-timestamp');
    const seconds = Number(timestamp);
    if (
      !timestamp ||
      !Number.isInteger(seconds) ||
      Math.abs(Date.now() / 1000 - seconds) > SIGNATURE_TOLERANCE_SECONDS
    ) {
      throw new WebhookRejected(401, 'missing or stale X-Chatwoot-Timestamp');
    }
    const expected = `sha256=${hmacSha256Hex(settings.webhook_secret, `${timestamp}.`, request.rawBody)}`;
    requireSecret(request.header('x-chatwoot-signature'), expected, 'X-Chatwoot-Signature');
  },

  parse(body) {
    const event = Event.safeParse(body);
    if (!event.success) return [];
    const { data } = event;
    if (data.event === 'message_created') return parseMessage(data);
    if (['conversation_status_changed', 'conversation_opened', 'conversation_updated'].includes(data.event)) {
      // Conversation events carry the conversation itself (`id` is its display id).
      return data.id === undefined ? [] : controlFor(String(data.id), data.status);
    }
    return [];
  },

  async send(target, settings, message) {
    const answer = await callChatwoot(target, settings, 'messages', {
      content: message.text,
      message_type: 'outgoing',
    });
    const id = answer && typeof answer === 'object' && 'id' in answer ? idText(answer.id) : null;
    return { channelMessageId: id };
  },

  async typing(target, settings) {
    await callChatwoot(target, settings, 'toggle_typing_status', { typing_status: 'on' });
  },

  /** Opens the conversation: Chatwoot's own handoff from the bot to its agents. */
  async handoff(target, settings) {
    await callChatwoot(target, settings, 'toggle_status', { status: 'open' });
  },
};
