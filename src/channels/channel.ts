import type { z } from 'zod';
import type {
  ChannelAccount,
  ChatType,
  Contact,
  ConversationRoute,
  MessageAuthor,
  MessageKind,
  MessageMedia,
  NativeChannelType,
} from '../domain/model.js';
import type { OutboundPolicy } from '../lib/outbound-http.js';

/**
 * One interface for every channel: the generic outbound hook and the native providers (WhatsApp
 * Cloud, Telegram, Chatwoot, Evolution). The delivery activities only see `OutboundChannel`; the
 * webhook route only sees `NativeChannel`'s inbound half. Adapters do no storage: they turn the
 * provider's payloads into `InboundEvent`s and our replies into the provider's API calls.
 */

/** The contact's last message in a conversation, as a provider's rules read it. */
export interface LastInbound {
  channelMessageId: string | null;
  receivedAt: Date;
}

/**
 * Who and where a send goes to, as stored, plus the facts a provider's rules need. What only some
 * channels need is read when one asks for it (each is a store round trip per send).
 */
export interface ChannelTarget {
  account: ChannelAccount;
  conversation: ConversationRoute;
  contact: () => Promise<Contact | null>;
  /** The contact's last message in this conversation (WhatsApp's 24-hour window, its read receipt). */
  lastInbound: () => Promise<LastInbound | null>;
  /** Now on the conversation's timeline (the activity's scheduled time, which time-skipping tests advance). */
  now: Date;
  outbound: OutboundPolicy;
}

export interface OutboundText {
  /** Fixed by the workflow: the outbound message id, used as the idempotency key of every attempt. */
  id: string;
  text: string;
  author: Exclude<MessageAuthor, 'contact'>;
}

export interface OutboundChannel<S> {
  /** Sends a text; returns the provider's id for it. Throws `ChannelCallFailed` or `ChannelSendSkipped`. */
  send(target: ChannelTarget, settings: S, message: OutboundText): Promise<{ channelMessageId: string | null }>;
  /** Shows "typing…" before `replyId` is sent (best effort). */
  typing(target: ChannelTarget, settings: S, replyId: string): Promise<void>;
  /** Hands the conversation to the provider's humans when the bot gives up (pause, handover, auto-pilot limit). */
  handoff?(target: ChannelTarget, settings: S): Promise<void>;
}

/** A webhook call as received: the raw bytes (signatures are computed over them) and the headers. */
export interface WebhookRequest {
  rawBody: Buffer;
  header(name: string): string | undefined;
}

/** A proof the provider did not give: 401 (no or wrong signature/secret) or 403 (verification refused). */
export class WebhookRejected extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** What a provider's webhook tells us, in our terms. */
export type InboundEvent =
  | {
      kind: 'message';
      /** The provider's message id: the idempotency key of ingest. */
      channelMessageId: string;
      chat: { id: string; type: ChatType };
      /** The contact (for a human agent's message: the contact of the chat). */
      from: { id: string; name?: string | undefined; phone?: string | undefined };
      /** `human`: a person of the business wrote it in the provider's own app; it pauses the bot and is never answered. */
      sentBy: 'contact' | 'human';
      messageKind: MessageKind;
      text: string;
      media?: MessageMedia | undefined;
      sentAt?: Date | undefined;
    }
  | { kind: 'status'; channelMessageId: string; status: string; at: Date; error: string | null }
  /** The provider moved the chat between its bot and its humans (Chatwoot's `pending` ↔ `open`). */
  | { kind: 'control'; chatId: string; botActive: boolean };

export interface NativeChannel<S> extends OutboundChannel<S> {
  type: NativeChannelType;
  /** The provider's segment of `/v1/channels/{provider}/{accountId}/webhook`. */
  pathName: string;
  /** The account's settings object (`POST /v1/accounts` with `{type, [type]: settings}`). */
  settingsSchema: z.ZodType<S>;
  /** Settings that are credentials: sealed at rest, never returned (reads show `has_<field>`). */
  secretFields: readonly string[];
  /** Settings that are URLs the service calls: checked by the outbound guard when saved. */
  urlFields: readonly string[];
  /** Checks the provider's proof on the raw request; throws `WebhookRejected`. */
  verify(request: WebhookRequest, settings: S): void;
  /** The events in a verified webhook body (already JSON-parsed); unknown shapes give none. */
  parse(body: unknown, settings: S): InboundEvent[];
  /** A `GET` subscription check (WhatsApp's `hub.challenge`): the text to answer, or `WebhookRejected`. */
  verifySubscription?(query: Record<string, unknown>, settings: S): string;
}

/** A provider call that failed: `retryable` for 5xx, 408/409/425/429 and no answer; otherwise final. */
export class ChannelCallFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** A send the provider's rules forbid (WhatsApp's 24-hour window without a template): logged, never retried. */
export class ChannelSendSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
