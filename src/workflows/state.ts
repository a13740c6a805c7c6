import { patched } from '@temporalio/workflow';
import type { AgentPolicy, ConversationKey, ScheduledFollowup } from './contracts.js';
import type {
  CarriedControlsChange,
  CarriedState,
  ControlsChange,
  ConversationControls,
  ConversationRef,
  ConversationStateView,
  ConversationWorkflowInput,
  OutboundMessageRequested,
} from './definitions.js';
import { DEADLINES_BY_TIMER_PATCH } from './patches.js';
import { RecentIds } from './recent-ids.js';
import { botState } from './bot-state.js';

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
  /** Humans' (and automations') messages whose effect on the bot (sleep, pause) the loop has yet to apply. */
  manualMessages: OutboundMessageRequested[];
  /**
   * Humans' changes to the controls the loop has yet to apply, in arrival order; they hold the bot
   * already (see effectiveControls). Each is applied after the manual messages that came before it.
   */
  controlsChanges: CarriedControlsChange[];
  /** The controls after each of the latest applied changes, by change id: the API's answer. */
  appliedControlsChanges: Map<string, ConversationControls>;
  /** Manual messages recorded and applied in this run (what `afterManualMessages` counts). */
  manualMessagesRecorded: number;
  manualMessagesApplied: number;
  readonly recent: RecentIds;
  /** The agent a TRANSFER_BOT action handed the conversation to (null: the channel's primary agent). */
  assignedAgentId: string | null;
  /** The agent last looked up in this run (null: none answers the channel; undefined: not looked up yet). */
  knownAgent: AgentPolicy | null | undefined;
  /** When a sleeping bot wakes up (epoch ms); null while awake or paused until resumed. */
  wakeAt: number | null;
  /** A takeover (human pause, handover) was announced and no one resumed the bot since: no second webhook. */
  takenOver: boolean;
  followup: ScheduledFollowup | null;
  /** AI messages sent in auto-pilot since a human last resumed the bot. */
  autoPilotMessages: number;
  /** Counts the contact's messages: a follow-up step only continues the sequence if none came meanwhile. */
  contactMessages: number;
  /** Inbound messages that arrived while a human holds the conversation, to log as unanswered (and why). */
  unanswered: { messageId: string; reason: string }[];
  /** Reply turns so far in this conversation (all runs). */
  turns: number;
  /** The contact wrote to the closed conversation and its channel reopens on that (`reopen_on_inbound`). */
  reopenRequested: boolean;
  /** The latest deadline (wake-up, follow-up; epoch ms) whose timer fired in this run. */
  reachedDeadline: number;
}

export function initialState({ conversation, controls, carried }: ConversationWorkflowInput): ConversationState {
  const initialControls = carried?.controls ?? controls ?? { aiEnabled: true, botActive: true, status: 'open' };
  const wakeAt = carried?.wakeAt ?? null;
  return {
    conversation,
    key: { organizationId: conversation.organizationId, conversationId: conversation.conversationId },
    controls: { ...initialControls },
    pending: [...(carried?.pendingMessageIds ?? [])],
    outbox: [...(carried?.outbox ?? [])],
    manualMessages: [...(carried?.manualMessages ?? [])],
    controlsChanges: [...(carried?.controlsChanges ?? [])],
    appliedControlsChanges: new Map(carried?.appliedControlsChanges ?? []),
    manualMessagesRecorded: carried?.manualMessages?.length ?? 0,
    manualMessagesApplied: 0,
    recent: new RecentIds(carried?.recentMessageIds ?? []),
    assignedAgentId: carried?.assignedAgentId ?? null,
    knownAgent: undefined,
    wakeAt,
    // Unknown in runs carried over before it was kept: a bot paused without a wake-up was taken over.
    takenOver: carried?.takenOver ?? (!initialControls.botActive && wakeAt === null),
    followup: carried?.followup ?? null,
    autoPilotMessages: carried?.autoPilotMessages ?? 0,
    contactMessages: 0,
    unanswered: [],
    turns: carried?.turns ?? 0,
    reopenRequested: false,
    reachedDeadline: -Infinity,
  };
}

/** Whether the deadline `at` (epoch ms) is reached. */
export function isDue(state: ConversationState, at: number): boolean {
  return patched(DEADLINES_BY_TIMER_PATCH) ? at <= state.reachedDeadline : Date.now() >= at;
}

/**
 * The controls as humans last decided them: the applied ones with the changes still waiting for the
 * loop on top. A pause holds the bot from the moment it arrives, not once it is saved.
 */
export function effectiveControls({ controls, controlsChanges }: ConversationState): ConversationControls {
  return controlsChanges.reduce((merged, { request }) => ({ ...merged, ...controlsOf(request) }), controls);
}

/** The controls a change sets, without its actor and closing details. */
export function controlsOf({ aiEnabled, botActive, status }: ControlsChange): Partial<ConversationControls> {
  return {
    ...(aiEnabled === undefined ? {} : { aiEnabled }),
    ...(botActive === undefined ? {} : { botActive }),
    ...(status === undefined ? {} : { status }),
  };
}

/**
 * The bot answers only when AI is enabled, no human holds the conversation and it is open (or
 * `reopening`: about to reopen on the message at hand).
 */
export function canReply(state: ConversationState, reopening = false): boolean {
  const controls = effectiveControls(state);
  return controls.aiEnabled && controls.botActive && (controls.status === 'open' || reopening);
}

/** What the next run starts from after continue-as-new. */
export function carriedState(state: ConversationState): CarriedState {
  return {
    controls: state.controls,
    pendingMessageIds: state.pending,
    outbox: state.outbox,
    manualMessages: state.manualMessages,
    recentMessageIds: state.recent.toArray(),
    assignedAgentId: state.assignedAgentId,
    wakeAt: state.wakeAt,
    takenOver: state.takenOver,
    followup: state.followup,
    autoPilotMessages: state.autoPilotMessages,
    turns: state.turns,
    // What waits is counted from the first manual message the next run carries.
    controlsChanges: state.controlsChanges.map((queued) => ({
      ...queued,
      afterManualMessages: Math.max(queued.afterManualMessages - state.manualMessagesApplied, 0),
    })),
    appliedControlsChanges: [...state.appliedControlsChanges],
  };
}

/** How many applied changes keep their answer: the API reads it within seconds. */
const APPLIED_CHANGES_KEPT = 20;

/** Records the answer to an applied change, forgetting the oldest beyond APPLIED_CHANGES_KEPT. */
export function recordAppliedChange(state: ConversationState, changeId: string): void {
  state.appliedControlsChanges.set(changeId, { ...state.controls });
  for (const oldest of state.appliedControlsChanges.keys()) {
    if (state.appliedControlsChanges.size <= APPLIED_CHANGES_KEPT) break;
    state.appliedControlsChanges.delete(oldest);
  }
}

/** Why the bot does not answer now, in the words of the AI log (null: it may answer). */
export function heldReason(state: ConversationState): string | null {
  switch (botState(effectiveControls(state), state.wakeAt !== null)) {
    case 'closed':
      return 'the conversation is closed';
    case 'ai_disabled':
      return 'AI is off for this conversation';
    case 'sleeping':
      return 'the bot is asleep';
    case 'paused':
      return 'a human holds the conversation (bot paused)';
    case 'active':
      return null;
  }
}

/** What operators see of a conversation (the workflow's `state` query): no message text, no personal data. */
export function stateView(state: ConversationState): ConversationStateView {
  return {
    controls: { ...state.controls },
    botState: botState(state.controls, state.wakeAt !== null),
    pendingMessages: state.pending.length,
    outboxMessages: state.outbox.length,
    wakeAt: state.wakeAt === null ? null : new Date(state.wakeAt).toISOString(),
    followup: state.followup && {
      actionId: state.followup.actionId,
      step: state.followup.stepIndex + 1,
      dueAt: new Date(state.followup.dueAt).toISOString(),
    },
    assignedAgentId: state.assignedAgentId,
    autoPilotMessages: state.autoPilotMessages,
    turns: state.turns,
  };
}
