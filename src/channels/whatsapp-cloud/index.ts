/**
 * Meta's WhatsApp Cloud API: the webhook verification request (`hub.mode`, `hub.verify_token`,
 * `hub.challenge`), `X-Hub-Signature-256` over the raw body, `entry[].changes[].value` with
 * `messages[]`, `contacts[]` and `statuses[]`; `POST /{phone_number_id}/messages` to send, mark
 * read and show the typing indicator.
 */
import { z } from 'zod';
import type { MessageKind, MessageMedia } from '../../domain/model.js';
import {
  ChannelSendSkipped,
  WebhookRejected,
  type ChannelTarget,
  type LastInbound,
  type InboundEvent,
  type NativeChannel,
} from '../channel.js';
import { callProvider } from '../provider-http.js';
import { hmacSha256Hex, requireSecret, sameSecret } from '../proof.js';
import { WhatsAppCloudSettings, whatsAppCloudSecretFields } from './settings.js';

export { WhatsAppCloudSettings } from './settings.js';

/** A free-form message may be sent only within 24 hours of the contact's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const OUTSIDE_WINDOW = 'outside_customer_service_window';

const Media = z.object({
  id: z.string(),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});
const Message = z.object({
  id: z.string(),
  from: z.string().optional(),
  /** Business-scoped user id: Meta sends it alongside (or instead of) the phone number. */
  from_user_id: z.string().optional(),
  timestamp: z.string(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: Media.optional(),
  audio: Media.optional(),
  voice: Media.optional(),
  video: Media.optional(),
  document: Media.optional(),
  sticker: Media.optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({
      button_reply: z.object({ title: z.string() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    })
    .optional(),
});
const Value = z.object({
  metadata: z.object({ phone_number_id: z.string() }).optional(),
  contacts: z
    .array(
      z.object({
        wa_id: z.string().optional(),
        user_id: z.string().optional(),
        profile: z.object({ name: z.string() }).partial().optional(),
      }),
    )
    .optional(),
  messages: z.array(Message).optional(),
  statuses: z
    .array(
      z.object({
        id: z.string(),
        status: z.string(),
        timestamp: z.string(),
        errors: z.array(z.object({ code: z.number().optional(), title: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});
const Notification = z.object({
  object: z.string(),
  entry: z.array(z.object({ changes: z.array(z.object({ field: z.string().optional(), value: Value })) })),
});

const mediaKinds: Record<string, MessageKind> = {
  image: 'image',
  sticker: 'image',
  audio: 'audio',
  voice: 'audio',
  video: 'video',
  document: 'document',
};

function contentOf(message: z.infer<typeof Message>): { kind: MessageKind; text: string; media?: MessageMedia } {
  if (message.text) return { kind: 'text', text: message.text.body };
  const kind = mediaKinds[message.type];
  const media = kind
    ? message[message.type as 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker']
    : undefined;
  if (kind && media) {
    return {
      kind,
      text: media.caption ?? '',
      media: { id: media.id, url: null, mimeType: media.mime_type ?? null, fileName: media.filename ?? null },
    };
  }
  const reply =
    message.button?.text ?? message.interactive?.button_reply?.title ?? message.interactive?.list_reply?.title;
  return { kind: reply === undefined ? 'other' : 'text', text: reply ?? '' };
}

const secondsToDate = (timestamp: string) => new Date(Number(timestamp) * 1000);

const messagesUrl = (settings: WhatsAppCloudSettings) =>
  `${settings.api_base_url.replace(/\/+$/, '')}/${settings.phone_number_id}/messages`;

function callGraph(target: ChannelTarget, settings: WhatsAppCloudSettings, what: string, payload: unknown) {
  return callProvider(
    `WhatsApp Cloud API ${what}`,
    {
      url: messagesUrl(settings),
      headers: { authorization: `Bearer ${settings.access_token}` },
      payload: { messaging_product: 'whatsapp', ...(payload as object) },
    },
    target.outbound,
  );
}

const windowOpen = (lastInbound: LastInbound | null, { now }: ChannelTarget) =>
  lastInbound !== null && now.getTime() - lastInbound.receivedAt.getTime() < CUSTOMER_SERVICE_WINDOW_MS;

export const whatsappCloudChannel: NativeChannel<WhatsAppCloudSettings> = {
  type: 'whatsapp_cloud',
  pathName: 'whatsapp-cloud',
  settingsSchema: WhatsAppCloudSettings,
  secretFields: whatsAppCloudSecretFields,
  urlFields: ['api_base_url'],

  verifySubscription(query, settings) {
    const verified =
      query['hub.mode'] === 'subscribe' &&
      typeof query['hub.verify_token'] === 'string' &&
      sameSecret(query['hub.verify_token'], settings.verify_token) &&
      typeof query['hub.challenge'] === 'string';
    if (!verified) throw new WebhookRejected(403, 'verification refused');
    return query['hub.challenge'] as string;
  },

  verify(request, settings) {
    const expected = `sha256=${hmacSha256Hex(settings.app_secret, request.rawBody)}`;
    requireSecret(request.header('x-hub-signature-256'), expected, 'X-Hub-Signature-256');
  },

  parse(body, settings) {
    const notification = Notification.safeParse(body);
    if (!notification.success) return [];
    const events: InboundEvent[] = [];
    for (const change of notification.data.entry.flatMap((entry) => entry.changes)) {
      const { value } = change;
      // One Meta app may serve several numbers; this account is one of them.
      if (value.metadata && value.metadata.phone_number_id !== settings.phone_number_id) continue;
      for (const message of value.messages ?? []) {
        const sender = message.from ?? message.from_user_id;
        if (!sender) continue;
        const contact = value.contacts?.find((c) => c.wa_id === sender || c.user_id === sender);
        const { kind, text, media } = contentOf(message);
        events.push({
          kind: 'message',
          channelMessageId: message.id,
          chat: { id: sender, type: 'private' },
          from: { id: sender, name: contact?.profile?.name, phone: message.from ? `+${message.from}` : undefined },
          sentBy: 'contact',
          messageKind: kind,
          text,
          media,
          sentAt: secondsToDate(message.timestamp),
        });
      }
      for (const status of value.statuses ?? []) {
        const error = status.errors?.[0];
        events.push({
          kind: 'status',
          channelMessageId: status.id,
          status: status.status,
          at: secondsToDate(status.timestamp),
          error: error ? [error.code, error.title].filter((part) => part !== undefined).join(' ') : null,
        });
      }
    }
    return events;
  },

  async send(target, settings, message) {
    const to = target.conversation.chatId;
    let payload: unknown;
    if (windowOpen(await target.lastInbound(), target)) {
      payload = { recipient_type: 'individual', to, type: 'text', text: { body: message.text } };
    } else if (settings.followup_template) {
      const { name, language } = settings.followup_template;
      payload = {
        recipient_type: 'individual',
        to,
        type: 'template',
        template: { name, language: { code: language } },
      };
    } else {
      throw new ChannelSendSkipped(OUTSIDE_WINDOW);
    }
    const answer = await callGraph(target, settings, 'send', payload);
    const sent = z.object({ messages: z.array(z.object({ id: z.string() })).min(1) }).safeParse(answer);
    return { channelMessageId: sent.success ? sent.data.messages[0]!.id : null };
  },

  /** Marks the contact's last message read and shows "typing…" (Meta's `typing_indicator`), inside the window. */
  async typing(target, settings) {
    const lastInbound = await target.lastInbound();
    const messageId = lastInbound?.channelMessageId;
    if (!messageId || !windowOpen(lastInbound, target)) return;
    await callGraph(target, settings, 'typing indicator', {
      status: 'read',
      message_id: messageId,
      typing_indicator: { type: 'text' },
    });
  },
};
