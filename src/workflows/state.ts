import type { ConversationKey, ScheduledFollowup } from './contracts.js';
import type {
  CarriedState,
  ConversationControls,
  ConversationRef,
  ConversationWorkflowInput,
  OutboundMessageRequested,
} from './definitions.js';
import { RecentIds } from './recent-ids.js';

/**
 * Everything the conversation workflow knows, in one object: what humans decided (controls), what
 * arrived and waits (pending messages, the outbox), and the agent's timers and counters. Handlers
 * record into it, the turn reads and changes it, and continue-as-new carries it over.
 */
export interface ConversationState {
  readonly conversation: ConversationRef;
  readonly key: ConversationKey;
  controls: ConversationControls;
  /** Inbound messages waiting for a reply. */
  pending: string[];
  /** Messages to send as they are, between turns. */
  outbox: OutboundMessageRequested[];
  readonly recent: RecentIds;
  /** The agent a TRANSFER_BOT action handed the conversation to (null: the channel's primary agent). */
  assignedAgentId: string | null;
  /** When a sleeping bot wakes up (epoch ms); null while awake or paused until resumed. */
  wakeAt: number | null;
  followup: ScheduledFollowup | null;
  /** AI messages sent in auto-pilot since a human last resumed the bot. */
  autoPilotMessages: number;
  /** Counts the contact's messages: a follow-up step only continues the sequence if none came meanwhile. */
  contactMessages: number;
}

export function initialState({ conversation, controls, carried }: ConversationWorkflowInput): ConversationState {
  return {
    conversation,
    key: { organizationId: conversation.organizationId, conversationId: conversation.conversationId },
    controls: { ...(carried?.controls ?? controls ?? { aiEnabled: true, botActive: true, status: 'open' }) },
    pending: [...(carried?.pendingMessageIds ?? [])],
    outbox: [...(carried?.outbox ?? [])],
    recent: new RecentIds(carried?.recentMessageIds ?? []),
    assignedAgentId: carried?.assignedAgentId ?? null,
    wakeAt: carried?.wakeAt ?? null,
    followup: carried?.followup ?? null,
    autoPilotMessages: carried?.autoPilotMessages ?? 0,
    contactMessages: 0,
  };
}

/** The bot answers only when AI is enabled, no human holds the conversation and it is open. */
export function canReply({ controls }: ConversationState): boolean {
  return controls.aiEnabled && controls.botActive && controls.status === 'open';
}

/** What the next run starts from after continue-as-new. */
export function carriedState(state: ConversationState): CarriedState {
  return {
    controls: state.controls,
    pendingMessageIds: state.pending,
    outbox: state.outbox,
    recentMessageIds: state.recent.toArray(),
    assignedAgentId: state.assignedAgentId,
    wakeAt: state.wakeAt,
    followup: state.followup,
    autoPilotMessages: state.autoPilotMessages,
  };
}
