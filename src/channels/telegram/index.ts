/**
 * Telegram Bot API (https://core.telegram.org/bots/api): `setWebhook` with `secret_token`, which
 * Telegram sends back as `X-Telegram-Bot-Api-Secret-Token`; `Update.message` (and `channel_post`);
 * `sendMessage` and `sendChatAction`.
 */
import { z } from 'zod';
import type { ChatType, MessageKind, MessageMedia } from '../../domain/model.js';
import type { InboundEvent, NativeChannel } from '../channel.js';
import { callProvider } from '../provider-http.js';
import { requireSecret } from '../proof.js';
import { TelegramSettings, telegramSecretFields } from './settings.js';

export { TelegramSettings } from './settings.js';

const Chat = z.object({
  id: z.number(),
  type: z.string(),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
});
const User = z.object({
  id: z.number(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const File = z.object({ file_id: z.string(), mime_type: z.string().optional(), file_name: z.string().optional() });
const Message = z.object({
  message_id: z.number(),
  date: z.number(),
  chat: Chat,
  from: User.optional(),
  sender_chat: Chat.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(File).optional(),
  document: File.optional(),
  audio: File.optional(),
  voice: File.optional(),
  video: File.optional(),
});
const Update = z.object({ update_id: z.number(), message: Message.optional(), channel_post: Message.optional() });

const chatTypes: Record<string, ChatType> = {
  private: 'private',
  group: 'group',
  supergroup: 'group',
  channel: 'channel',
};

function mediaOf(message: z.infer<typeof Message>): { kind: MessageKind; media?: MessageMedia } {
  const file = (kind: MessageKind, found: z.infer<typeof File>, mimeType?: string) => ({
    kind,
    media: {
      id: found.file_id,
      url: null,
      mimeType: found.mime_type ?? mimeType ?? null,
      fileName: found.file_name ?? null,
    },
  });
  // A photo comes in several sizes, smallest first.
  if (message.photo?.length) return file('image', message.photo.at(-1)!, 'image/jpeg');
  if (message.voice) return file('audio', message.voice);
  if (message.audio) return file('audio', message.audio);
  if (message.video) return file('video', message.video);
  if (message.document) return file('document', message.document);
  return { kind: message.text !== undefined ? 'text' : 'other' };
}

const nameOf = (who: { first_name?: string; last_name?: string; title?: string; username?: string }) =>
  [who.first_name, who.last_name].filter(Boolean).join(' ') || who.title || who.username;

const apiUrl = (settings: TelegramSettings, method: string) =>
  `${settings.api_base_url.replace(/\/+$/, '')}/bot${settings.bot_token}/${method}`;

export const telegramChannel: NativeChannel<TelegramSettings> = {
  type: 'telegram',
  pathName: 'telegram',
  settingsSchema: TelegramSettings,
  secretFields: telegramSecretFields,
  urlFields: ['api_base_url'],

  verify(request, settings) {
    requireSecret(request.header('x-telegram-bot-api-secret-token'), settings.secret_token, 'secret token');
  },

  parse(body) {
    const update = Update.safeParse(body);
    const message = update.success ? (update.data.message ?? update.data.channel_post) : undefined;
    const chatType = message && chatTypes[message.chat.type];
    if (!message || !chatType) return [];
    const sender = message.from ?? message.sender_chat ?? message.chat;
    const { kind, media } = mediaOf(message);
    const event: InboundEvent = {
      kind: 'message',
      // Message ids are unique within a chat only.
      channelMessageId: `${message.chat.id}:${message.message_id}`,
      chat: { id: String(message.chat.id), type: chatType },
      from: { id: String(sender.id), name: nameOf(sender) },
      sentBy: 'contact',
      messageKind: kind,
      text: message.text ?? message.caption ?? '',
      media,
      sentAt: new Date(message.date * 1000),
    };
    return [event];
  },

  async send(target, settings, message) {
    const chatId = target.conversation.chatId;
    const answer = await callProvider(
      'Telegram sendMessage',
      { url: apiUrl(settings, 'sendMessage'), payload: { chat_id: chatId, text: message.text } },
      target.outbound,
    );
    const sent = z.object({ result: z.object({ message_id: z.number() }) }).safeParse(answer);
    return { channelMessageId: sent.success ? `${chatId}:${sent.data.result.message_id}` : null };
  },

  async typing(target, settings) {
    await callProvider(
      'Telegram sendChatAction',
      { url: apiUrl(settings, 'sendChatAction'), payload: { chat_id: target.conversation.chatId, action: 'typing' } },
      target.outbound,
    );
  },
};
