/**
 * Evolution API v2 (EvolutionAPI/evolution-api): the instance's webhook posts
 * `{event: "messages.upsert", instance, data: {key, pushName, message, messageTimestamp}, apikey}`;
 * `POST /message/sendText/{instance}` `{number, text}` and `POST /chat/sendPresence/{instance}`
 * `{number, presence, delay}` with the `apikey` header.
 */
import { z } from 'zod';
import type { MessageKind, MessageMedia } from '../../domain/model.js';
import { WebhookRejected, type ChannelTarget, type InboundEvent, type NativeChannel } from '../channel.js';
import { callProvider, idText } from '../provider-http.js';
import { requireSecret } from '../proof.js';
import { EvolutionSettings, evolutionSecretFields } from './settings.js';

export { EvolutionSettings } from './settings.js';

/** How long Evolution shows "typing…" for (it answers after this delay). */
const PRESENCE_DELAY_MS = 1_500;

const Media = z.object({
  url: z.string().nullish(),
  mimetype: z.string().nullish(),
  caption: z.string().nullish(),
  fileName: z.string().nullish(),
});
const Data = z.object({
  key: z.object({ remoteJid: z.string(), fromMe: z.boolean(), id: z.string(), participant: z.string().nullish() }),
  pushName: z.string().nullish(),
  participant: z.string().nullish(),
  messageTimestamp: z.union([z.number(), z.string()]).optional(),
  message: z
    .object({
      conversation: z.string().nullish(),
      extendedTextMessage: z.object({ text: z.string().nullish() }).nullish(),
      imageMessage: Media.nullish(),
      audioMessage: Media.nullish(),
      videoMessage: Media.nullish(),
      documentMessage: Media.nullish(),
      stickerMessage: Media.nullish(),
    })
    .nullish(),
});
const Webhook = z.object({ event: z.string(), data: z.unknown() });

function contentOf(message: z.infer<typeof Data>['message']): {
  kind: MessageKind;
  text: string;
  media?: MessageMedia;
} {
  const text = message?.conversation ?? message?.extendedTextMessage?.text;
  if (typeof text === 'string') return { kind: 'text', text };
  const found = (
    [
      ['image', message?.imageMessage],
      ['image', message?.stickerMessage],
      ['audio', message?.audioMessage],
      ['video', message?.videoMessage],
      ['document', message?.documentMessage],
    ] as const
  ).find(([, media]) => media);
  if (!found) return { kind: 'other', text: '' };
  const [kind, media] = found;
  return {
    kind,
    text: media!.caption ?? '',
    media: { id: null, url: media!.url ?? null, mimeType: media!.mimetype ?? null, fileName: media!.fileName ?? null },
  };
}

/** `5511999999999@s.whatsapp.net` → `+5511999999999`; other addresses (`@lid`, groups) have no phone. */
const phoneOf = (jid: string) => (/^\d+@s\.whatsapp\.net$/.test(jid) ? `+${jid.split('@')[0]}` : undefined);

function callEvolution(target: ChannelTarget, settings: EvolutionSettings, path: string, payload: unknown) {
  const base = settings.base_url.replace(/\/+$/, '');
  return callProvider(
    `Evolution ${path}`,
    {
      url: `${base}/${path}/${encodeURIComponent(settings.instance)}`,
      headers: { apikey: settings.api_key },
      payload,
    },
    target.outbound,
  );
}

export const evolutionChannel: NativeChannel<EvolutionSettings> = {
  type: 'evolution',
  pathName: 'evolution',
  settingsSchema: EvolutionSettings,
  secretFields: evolutionSecretFields,
  urlFields: ['base_url'],

  /** Evolution proves itself with the instance's key inside the body, so this proof needs the JSON. */
  verify(request, settings) {
    let apikey: unknown;
    try {
      apikey = (JSON.parse(request.rawBody.toString('utf8')) as { apikey?: unknown } | null)?.apikey;
    } catch {
      throw new WebhookRejected(401, 'missing apikey');
    }
    requireSecret(typeof apikey === 'string' ? apikey : undefined, settings.api_key, 'apikey');
  },

  parse(body) {
    const webhook = Webhook.safeParse(body);
    if (!webhook.success || !['messages.upsert', 'MESSAGES_UPSERT'].includes(webhook.data.event)) return [];
    const items = Array.isArray(webhook.data.data) ? webhook.data.data : [webhook.data.data];
    const events: InboundEvent[] = [];
    for (const item of items) {
      const parsed = Data.safeParse(item);
      if (!parsed.success) continue;
      const { key, pushName, message, messageTimestamp } = parsed.data;
      if (key.remoteJid === 'status@broadcast') continue;
      const group = key.remoteJid.endsWith('@g.us');
      const sender = group ? (key.participant ?? parsed.data.participant ?? key.remoteJid) : key.remoteJid;
      const { kind, text, media } = contentOf(message);
      events.push({
        kind: 'message',
        channelMessageId: key.id,
        chat: { id: key.remoteJid, type: group ? 'group' : 'private' },
        // In a private chat the contact is the chat, whoever wrote; `pushName` of our own message is ours.
        from: { id: sender, name: key.fromMe ? undefined : (pushName ?? undefined), phone: phoneOf(sender) },
        // The business writing from its phone: a human message, never answered.
        sentBy: key.fromMe ? 'human' : 'contact',
        messageKind: kind,
        text,
        media,
        sentAt: messageTimestamp === undefined ? undefined : new Date(Number(messageTimestamp) * 1000),
      });
    }
    return events;
  },

  async send(target, settings, message) {
    const answer = await callEvolution(target, settings, 'message/sendText', {
      number: target.conversation.chatId,
      text: message.text,
    });
    const sent = z.object({ key: z.object({ id: z.unknown() }) }).safeParse(answer);
    return { channelMessageId: sent.success ? idText(sent.data.key.id) : null };
  },

  async typing(target, settings) {
    await callEvolution(target, settings, 'chat/sendPresence', {
      number: target.conversation.chatId,
      presence: 'composing',
      delay: PRESENCE_DELAY_MS,
    });
  },
};
