import type { SealedSecret } from '../lib/secret-box.js';
import type { AiSettings, ChatAiMode } from './ai-config.js';
import type { ActionType, AgentMode } from './agent-schemas.js';
import type { ChannelType, ChatType } from './enums.js';
import type { ReplyPart } from './typing.js';

export {
  hookChannelTypes,
  nativeChannelTypes,
  type ChannelType,
  type ChatType,
  type HookChannelType,
  type NativeChannelType,
} from './enums.js';

/**
 * The stored shape of every entity. Ids are UUID strings; conversations and contacts also carry a
 * per-organization sequence `number` because some documented routes address them by integer id.
 * Every document carries `organizationId` and every query filters by it.
 */

export interface Organization {
  _id: string;
  name: string;
  /** `ok` or `insufficient_funds`, set when the provider answers `insufficient_quota`. */
  providerStatus: 'ok' | 'insufficient_funds';
  /** Provider tokens the organization allows itself per UTC day, below the service's budget (absent: the service's). */
  dailyTokenBudget?: number | null;
  /** Changed with every change of its configuration (store/configuration-versions.ts); absent until the first. */
  configurationVersion?: string;
  createdAt: Date;
}

/**
 * The agent actions run in one conversation on one UTC day, by run key (reply id + tool call id), for
 * the per-conversation action quota. Its own document, not a field of the conversation: FerretDB 1.24
 * rewrites a document whole, and ingest bumps the conversation meanwhile.
 */
export interface AgentActionRuns {
  /** `<conversationId>:<YYYY-MM-DD>`. */
  _id: string;
  organizationId: string;
  conversationId: string;
  day: string;
  keys: string[];
}

/** Provider tokens an organization spent on one UTC day (reply turns, tool rounds, AI tests). */
export interface TokenUsage {
  /** `<organizationId>:<YYYY-MM-DD>`. */
  _id: string;
  organizationId: string;
  day: string;
  tokens: number;
  updatedAt: Date;
}

export const apiKeyScopes = [
  'admin',
  'messages.ingest',
  'ai.test',
  'conversations.readonly',
  'conversations.write',
  'conversation-ai.readonly',
  'conversation-ai.write',
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export interface ApiKey {
  _id: string;
  organizationId: string;
  name: string;
  /** SHA-256 of the key; the key itself is shown once, at creation. */
  keyHash: string;
  /** The first characters of the key, so a human can tell keys apart. */
  prefix: string;
  scopes: ApiKeyScope[];
  /** Set for an account token: the key acts as this channel account only. */
  channelAccountId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface ChannelAccount {
  _id: string;
  organizationId: string;
  name: string;
  type: ChannelType;
  /** Hook channels: where replies and typing indicators go (JSON POST, Standard Webhooks signature headers). */
  outboundHookUrl: string | null;
  /** Signs the outbound hook and the human-takeover webhook. */
  outboundHookSecret: SealedSecret;
  /** Native channels: the provider settings (`public` as given, the credentials sealed as one JSON object). */
  providerSettings?: StoredProviderSettings | null;
  /** Called when a human takes over (seed 001): custom method, headers (sealed) and body merged over the default payload. */
  humanTakeoverWebhook?: HumanTakeoverWebhook | null;
  /** The business's IANA time zone on this channel (the "location" time zone of follow-up working hours). */
  timezone?: string;
  /** A closed conversation reopens when the contact writes again (absent: true). */
  reopenOnInbound?: boolean;
  /** Replies are sent paragraph by paragraph (absent: false); the agent's own setting wins. */
  splitMessages?: boolean;
  /** Typing time per character of a reply (absent or null: `TYPING_MS_PER_CHARACTER`); the agent's own wins. */
  typingMsPerCharacter?: number | null;
  createdAt: Date;
}

export interface StoredProviderSettings {
  public: Record<string, unknown>;
  /** JSON of the credential fields (tokens, secrets, API keys), sealed. */
  secrets: SealedSecret;
  /** Names of the credential fields that are set (reads answer `has_<field>` without opening them). */
  secretFields: string[];
}

export interface HumanTakeoverWebhook {
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  /** JSON of the custom headers, sealed: they often carry credentials. */
  headers: SealedSecret | null;
  /**
   * The custom body as JSON text: any JSON an integrator sends (nested arrays, keys with `.` or `$`)
   * survives storage unchanged.
   */
  bodyJson: string;
  /**
   * The webhook's own Standard Webhooks signing secret. Absent on webhooks saved before it existed:
   * those keep being signed with the channel's hook secret until the secret is rotated.
   */
  signingSecret?: SealedSecret | null;
}

export interface Contact {
  _id: string;
  organizationId: string;
  number: number;
  channelAccountId: string;
  /** The sender's id on the channel (phone number, WhatsApp JID, web-chat visitor id). */
  externalId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  /** A blocked contact's messages are stored but never answered by the AI. */
  blocked: boolean;
  /** The contact's IANA time zone, when known (follow-ups in the contact's working hours). */
  timezone?: string | null;
  /** Custom contact fields by id, written by UPDATE_CONTACT_FIELD actions. */
  customFields?: Record<string, string>;
  /**
   * Email and phone as the AI model wrote them (UPDATE_CONTACT_FIELD), kept apart from `email` and
   * `phone`: anyone who can message the bot can make the model write them, so they never identify
   * the contact (seed 003 lookups, channel switching), however plausible.
   */
  unverifiedFields?: Partial<Record<IdentityField, UnverifiedValue>>;
  createdAt: Date;
}

/** The contact fields that identify a person across channels and in lookups. */
export const identityFields = ['email', 'phone'] as const;
export type IdentityField = (typeof identityFields)[number];

export interface UnverifiedValue {
  value: string;
  source: 'ai';
  /** The conversation whose model wrote it. */
  conversationId: string;
  updatedAt: Date;
}

export type ConversationStatus = 'open' | 'closed';

export interface Conversation {
  _id: string;
  organizationId: string;
  number: number;
  channelAccountId: string;
  contactId: string;
  /** The chat on the channel (a WhatsApp JID for groups; the contact's id for private chats). */
  chatId: string;
  chatType: ChatType;
  status: ConversationStatus;
  aiEnabled: boolean;
  aiAgentActive: boolean;
  /** The agent answering this conversation after a TRANSFER_BOT action; otherwise the channel's primary agent. */
  agentId?: string | null;
  /** The category and summary given when the conversation was last closed. */
  closing?: { category: string | null; summary: string | null; closedAt: Date };
  createdAt: Date;
  lastMessageAt: Date;
  /** The contact's latest message (absent before it was recorded): when it is also the latest message, the contact waits for an answer. */
  lastInboundAt?: Date;
}

/** What never changes once a conversation exists: where it lives, its chat and whom it talks to. */
export type ConversationRoute = Pick<
  Conversation,
  '_id' | 'organizationId' | 'channelAccountId' | 'contactId' | 'chatId' | 'chatType'
>;

export type MessageDirection = 'inbound' | 'outbound';
/** `human`: a manual message of a human agent; `workflow`: sent by an automation (both can put an agent to sleep). */
export type MessageAuthor = 'contact' | 'ai' | 'human' | 'workflow';
export type MessageKind = 'text' | 'image' | 'audio' | 'video' | 'document' | 'other';

export interface Message {
  _id: string;
  organizationId: string;
  conversationId: string;
  channelAccountId: string;
  direction: MessageDirection;
  author: MessageAuthor;
  kind: MessageKind;
  text: string;
  /** The channel's own id: the dedup key of inbound messages, the hook's answer for outbound ones. */
  channelMessageId: string | null;
  /**
   * Outbound only: `pending` until the channel accepted it; `skipped` when it may not be sent
   * (`deliveryError` says why, e.g. `outside_customer_service_window`); `failed` when the channel
   * refused it or stayed down for the whole retry period (`deliveryError` says how).
   */
  deliveryStatus: 'received' | 'pending' | 'sent' | 'skipped' | 'failed';
  deliveryError?: string | null;
  /** Outbound, native channels: the provider's latest status report (`delivered`, `read`, `failed`…). */
  channelStatus?: { status: string; at: Date; error: string | null; rank: number } | null;
  /** Who wrote a `human` message, as the API key or admin JWT that sent it named them. */
  sentBy?: MessageSender | null;
  /** Media the contact sent: the provider's media id or URL and its mime type (the caption is `text`). */
  media?: MessageMedia | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface MessageSender {
  id: string;
  name: string | null;
  email: string | null;
}

export interface MessageMedia {
  /** The provider's media id (WhatsApp Cloud media id, Telegram file_id), when it has one. */
  id: string | null;
  url: string | null;
  mimeType: string | null;
  fileName: string | null;
}

export type AiLogOutcome = 'generated' | 'skipped' | 'failed';

export interface AiLog {
  _id: string;
  organizationId: string;
  /** `test` for the AI test routes, whose generations are never sent as a conversation turn. */
  origin: 'conversation' | 'test';
  /** Null for a test without a chat. */
  conversationId: string | null;
  /** The outbound message this generation became (its id is fixed before the call). */
  replyMessageId: string;
  triggerMessageIds: string[];
  outcome: AiLogOutcome;
  reason: string | null;
  model: string;
  baseUrl: string;
  prompt: { role: 'system' | 'user' | 'assistant'; content: string }[];
  reply: string | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  latencyMs: number | null;
  /** How the reply is to be sent (generated only): fixed here so a retried turn sends it the same way. */
  replyDelaySeconds: number | null;
  /** The typing time of the whole reply (of all its parts when split). */
  typingMs: number | null;
  /** A reply split on blank lines: its messages, each with its id and typing time (absent: one message). */
  parts?: ReplyPart[];
  /** A split reply stopped after some of its parts went out (`reason` says why): how many were sent. */
  partsSent?: number;
  /** The conversation AI agent that answered, and its mode (seed 004's generation details). */
  agentId?: string | null;
  agentMode?: AgentMode | null;
  /** `workflow` for a follow-up, `conversation` for an answer to the contact. */
  source?: 'conversation' | 'workflow';
  /** The knowledge-base chunks retrieved for this reply and given to the model. */
  knowledgeChunks?: RetrievedChunk[];
  /** The tools (agent actions) the model called, with what they did. */
  actionLogs?: ActionLog[];
  /** A reply dropped unsent because the contact wrote again: those newer messages (answered with it by the next turn). */
  supersededBy?: string[];
  /** Set when `prompt` and `knowledgeChunks` were emptied after `AI_LOG_PROMPT_TTL_DAYS`. */
  promptRemovedAt?: Date;
  createdAt: Date;
}

export interface RetrievedChunk {
  knowledgeBaseId: string;
  chunkId: string;
  text: string;
  score: number;
}

export interface ActionLog {
  toolCallId: string;
  actionId: string;
  actionType: ActionType;
  actionName: string;
  arguments: Record<string, unknown>;
  /** `quota_exceeded`: not run, the conversation reached its agent actions for the day. */
  status: 'succeeded' | 'failed' | 'quota_exceeded';
  /** What the tool answered the model (also the reason of a failure). */
  result: string;
  at: Date;
}

/** One AI settings layer as stored: unset fields are absent; the API key is sealed. */
export type StoredAiSettings = Partial<Omit<AiSettings, 'apiKey'>> & { apiKey?: SealedSecret };

export interface AiSettingsDocument {
  /** `global:<organizationId>` or `account:<channelAccountId>`. */
  _id: string;
  organizationId: string;
  scope: 'global' | 'account';
  channelAccountId: string | null;
  /** Absent until a field is set. */
  settings?: StoredAiSettings;
  updatedAt: Date;
}

export interface ChatAiSettingsDocument {
  /** `<channelAccountId>:<chatId>`. */
  _id: string;
  organizationId: string;
  channelAccountId: string;
  chatId: string;
  mode: ChatAiMode;
  customSystemPrompt: string | null;
  updatedAt: Date;
}

export const webhookEventTypes = [
  /** A contact's message arrived (inboxes outside the service mirror conversations with it). */
  'message.received',
  'ai.reply.generated',
  'ai.reply.sent',
  'ai.reply.failed',
  'human_takeover',
  /** A TRIGGER_WORKFLOW action (or a follow-up step) asks the business's automation to run workflows. */
  'agent.workflow.triggered',
  /** A SUGGESTIVE agent proposed a reply for a human to approve. */
  'agent.suggestion.created',
  /** The organization spent its daily token budget: AI turns are skipped until 00:00 UTC (once per day). */
  'ai.budget.exceeded',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Events about the whole organization: every subscription of any of its accounts that wants one gets it. */
export const organizationWideEventTypes: readonly WebhookEventType[] = ['ai.budget.exceeded'];

/** Which subscriptions an event goes to: the account's, or the organization's for an organization-wide one. */
export function subscriptionScope(organizationId: string, channelAccountId: string, type: WebhookEventType) {
  return organizationWideEventTypes.includes(type) ? { organizationId } : { organizationId, channelAccountId };
}

/** An event to deliver: to the subscriptions of this account (or of the organization, for an organization-wide type). */
export interface WebhookEmission {
  organizationId: string;
  channelAccountId: string;
  event: WebhookEvent;
}

/** An event as subscribers receive it (Standard Webhooks payload shape: type, timestamp, data). */
export interface WebhookEvent {
  /** Stable per event: a retried emission maps onto the same deliveries. */
  id: string;
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

export interface WebhookSubscription {
  _id: string;
  organizationId: string;
  channelAccountId: string;
  url: string;
  secret: SealedSecret;
  events: WebhookEventType[];
  createdAt: Date;
}

export interface WebhookDelivery {
  /** Derived from the event and the target: one delivery per pair, whatever is retried. */
  _id: string;
  organizationId: string;
  channelAccountId: string;
  /** A subscription of the account, the account's own human-takeover webhook, or its provider's handoff. */
  /** `channel_handoff`: the native provider's own handoff (Chatwoot's `toggle_status open`). */
  target: 'subscription' | 'human_takeover' | 'channel_handoff';
  subscriptionId: string | null;
  eventId: string;
  eventType: WebhookEventType;
  url: string;
  /** The JSON sent, as text (it may carry a channel's custom body, any JSON). */
  payloadJson: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
}
