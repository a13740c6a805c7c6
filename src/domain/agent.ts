import type { SealedSecret } from '../lib/secret-box.js';
import { durationMs, type ActionInput, type AgentChannel, type AgentFields } from './agent-schemas.js';
import type { ChannelType } from './enums.js';

/**
 * Conversation AI agents (seed 004) as stored, and what is derived from them. Their schemas and
 * bounds (what the API accepts) are in agent-schemas.ts, re-exported here.
 */
export * from './agent-schemas.js';

/** Which agent channels a channel account of each type serves. */
export const agentChannelsOf: Record<ChannelType, AgentChannel[]> = {
  sms: ['SMS'],
  whatsapp: ['WhatsApp'],
  webchat: ['WebChat', 'Live_Chat'],
  other: [],
  whatsapp_cloud: ['WhatsApp'],
  evolution: ['WhatsApp'],
  telegram: [],
  chatwoot: ['Live_Chat'],
};

// ── Stored documents ──────────────────────────────────────────────────────────────────────────

export interface Agent extends AgentFields {
  _id: string;
  organizationId: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * An action of an agent. Follow-up settings set through PATCH …/followup-settings are stored on
 * the ADVANCED_FOLLOWUP actions they name (`details.followupSettings`).
 */
export type AgentAction = ActionInput & {
  _id: string;
  organizationId: string;
  agentId: string;
  createdAt: Date;
  updatedAt: Date;
};

/** A knowledge base built from text; its chunks are stored apart and retrieved per reply. */
export interface KnowledgeBase {
  _id: string;
  organizationId: string;
  name: string;
  chunkCount: number;
  createdAt: Date;
}

export interface KnowledgeChunk {
  /** `<knowledgeBaseId>:<ordinal>`. */
  _id: string;
  organizationId: string;
  knowledgeBaseId: string;
  ordinal: number;
  text: string;
}

/**
 * A calendar an APPOINTMENT_BOOKING action books against: the service POSTs the booking (signed
 * like every outbound call) to `bookingUrl`; `bookingPageUrl` is the link sent when only a link is wanted.
 */
export interface Calendar {
  _id: string;
  organizationId: string;
  name: string;
  bookingUrl: string;
  bookingPageUrl: string | null;
  /**
   * Signs the booking calls (Standard Webhooks). Absent on calendars created before it existed:
   * those keep being signed with the channel's hook secret until the secret is rotated.
   */
  signingSecret?: SealedSecret | null;
  createdAt: Date;
}

/** A reply an agent in SUGGESTIVE mode proposes; a human approves (it is then sent) or dismisses it. */
export interface Suggestion {
  /** The AI log's id: `GET /conversation-ai/generations?messageId=` explains it. */
  _id: string;
  organizationId: string;
  conversationId: string;
  agentId: string;
  text: string;
  status: 'pending' | 'approved' | 'dismissed';
  createdAt: Date;
  decidedAt: Date | null;
  /** The message sent on approval (it may have been edited by the human). */
  sentMessageId: string | null;
}

// ── Derived values ────────────────────────────────────────────────────────────────────────────

/** The debounce: how long the conversation must be quiet before the agent answers. */
export const waitTimeMs = (agent: Pick<Agent, 'waitTime' | 'waitTimeUnit'>): number =>
  durationMs(agent.waitTime, agent.waitTimeUnit);

/** How long a manual or workflow message puts the bot to sleep; null means until a human resumes it. */
export const sleepMs = (agent: Pick<Agent, 'sleepTime' | 'sleepTimeUnit'>): number | null =>
  agent.sleepTime && agent.sleepTimeUnit ? durationMs(agent.sleepTime, agent.sleepTimeUnit) : null;

/** The system prompt an agent's instructions form. */
export function agentSystemPrompt(
  agent: Pick<Agent, 'name' | 'businessName' | 'personality' | 'goal' | 'instructions'>,
): string {
  const business = agent.businessName ? ` for ${agent.businessName}` : '';
  return [
    `You are ${agent.name}, an assistant${business}.`,
    `Personality: ${agent.personality}`,
    `Goal: ${agent.goal}`,
    `Instructions: ${agent.instructions}`,
  ].join('\n');
}
