import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ScheduledFollowup } from './contracts.js';
import type { MessageSender } from '../domain/model.js';

/**
 * What the API and the worker share about the conversation workflow: its id scheme, input and
 * messages. Kept apart from the workflow body so the Koa API never imports workflow or activity code.
 */

export const conversationWorkflowType = 'conversationWorkflow';
/** Started for each webhook event by what caused it (see engine/event-publisher.ts). */
export const webhookEventWorkflowType = 'webhookEventWorkflow';

/** One workflow per conversation; the id reads well in the Temporal UI and is unique per organization. */
export function conversationWorkflowId(organizationId: string, conversationId: string): string {
  return `conversation/${organizationId}/${conversationId}`;
}

export interface ConversationRef {
  organizationId: string;
  conversationId: string;
  channelAccountId: string;
  contactId: string;
}

/**
 * What humans control on a conversation; the workflow holds the truth, MongoDB a queryable copy.
 * The bot answers only when AI is enabled, the bot active (no human took over) and the conversation open.
 */
export interface ConversationControls {
  aiEnabled: boolean;
  botActive: boolean;
  status: 'open' | 'closed';
}

/** How the bot stands, from the controls (see bot-state.ts): the `botState` search attribute. */
export type BotState = 'active' | 'sleeping' | 'paused' | 'ai_disabled' | 'closed';

/** Who changed something: the takeover webhook's `agent`. */
export interface Actor {
  id: string;
  name: string | null;
  email: string | null;
}

/** A change to the controls; `closing` carries the optional category and summary of a close. */
export interface ControlsChange {
  aiEnabled?: boolean;
  botActive?: boolean;
  status?: 'open' | 'closed';
  closing?: { category: string | null; summary: string | null };
  actor: Actor;
}

/** A change to the controls as the API sends it; `changeId` (chosen by the API) names its answer. */
export interface ControlsChangeRequested extends ControlsChange {
  changeId: string;
}

/**
 * A signal, an event with its place in the history: the workflow records it and the loop applies it.
 * The caller answers with the controls once applied, read with `controlsChangeQuery`.
 */
export const controlsChangeRequestedSignal = defineSignal<[ControlsChangeRequested]>('controlsChangeRequested');

/** The controls right after the change `changeId` was applied; null while it waits (or is unknown). */
export const controlsChangeQuery = defineQuery<ConversationControls | null, [string]>('controlsChange');

/**
 * How runs recorded before `controls-applied-by-loop` received changes: an update, its handler saving
 * the change itself. Kept so those runs replay; the API no longer sends it.
 */
export const changeControlsUpdate = defineUpdate<ConversationControls, [ControlsChange]>('changeControls');

/** State handed from one run to the next across continue-as-new. */
export interface CarriedState {
  controls?: ConversationControls;
  pendingMessageIds: string[];
  /** Absent in runs started before outbound messages existed. */
  outbox?: OutboundMessageRequested[];
  /** Humans' messages whose effect on the bot is not applied yet (absent in older runs). */
  manualMessages?: OutboundMessageRequested[];
  recentMessageIds: string[];
  /** The agent a TRANSFER_BOT action handed the conversation to (absent: the channel's primary agent). */
  assignedAgentId?: string | null;
  /** When a sleeping bot wakes up (epoch ms); null while awake or paused until resumed. */
  wakeAt?: number | null;
  /** A takeover was announced and the bot not resumed since (absent in older runs). */
  takenOver?: boolean;
  /** The next follow-up step, if one is scheduled. */
  followup?: ScheduledFollowup | null;
  /** AI messages sent in auto-pilot since a human last resumed the bot. */
  autoPilotMessages?: number;
  /** Reply turns so far (absent in runs started before the `state` query). */
  turns?: number;
  /** Humans' changes to the controls not applied yet, and the answers to the latest applied ones. */
  controlsChanges?: CarriedControlsChange[];
  appliedControlsChanges?: [changeId: string, controls: ConversationControls][];
}

/** A change to the controls waiting for the loop; `afterManualMessages` of the carried manual messages came before it. */
export interface CarriedControlsChange {
  request: ControlsChangeRequested;
  afterManualMessages: number;
}

export interface ConversationWorkflowInput {
  conversation: ConversationRef;
  /** The controls stored in MongoDB when the workflow (first) starts. */
  controls?: ConversationControls;
  carried?: CarriedState;
}

export interface InboundMessageReceived {
  /** Id of the stored inbound message; a re-delivered message carries the same id and is ignored. */
  messageId: string;
  /**
   * The channel account's `reopen_on_inbound`: a closed conversation reopens on this message and the
   * bot answers it. Absent in signals sent before the setting existed (they never reopen).
   */
  reopenIfClosed?: boolean;
}

export const inboundMessageSignal = defineSignal<[InboundMessageReceived]>('inboundMessage');

/**
 * A message to send as it is (no generation): a test reply or an approved suggestion (`ai`), a
 * human agent's manual message (`human`) or an automation's (`workflow`). The last two put the bot
 * to sleep as its agent says (without an agent, a human's message pauses it until resumed).
 */
export interface OutboundMessageRequested {
  /** Chosen by the caller; the outbound message's id and the hook's idempotency key. */
  messageId: string;
  text: string;
  author: 'ai' | 'human' | 'workflow';
  /** Who wrote a human's message: the API key or admin that sent it (shown in the transcript). */
  sentBy?: MessageSender;
  /**
   * A follow-up another conversation of the same contact sends here (dynamic channel switching):
   * this conversation's own follow-up is cancelled, so the contact is nudged once.
   */
  followup?: boolean;
  /**
   * Already sent through the channel by a person of the business (from the phone on Evolution, from
   * Chatwoot's dashboard): stored by ingest, never sent again; it only puts the bot to sleep or pauses it.
   */
  sentByChannel?: boolean;
}

export const outboundMessageSignal = defineSignal<[OutboundMessageRequested]>('outboundMessage');

/** What operators see of a running conversation (Temporal UI / CLI): no message text, no personal data. */
export interface ConversationStateView {
  controls: ConversationControls;
  botState: BotState;
  /** Inbound messages waiting for the next reply. */
  pendingMessages: number;
  /** Messages to send as they are, not sent yet. */
  outboxMessages: number;
  /** When a sleeping bot wakes up (ISO 8601), or null. */
  wakeAt: string | null;
  /** The next follow-up step (1-based) and when it is due. */
  followup: { actionId: string; step: number; dueAt: string } | null;
  assignedAgentId: string | null;
  autoPilotMessages: number;
  turns: number;
}

/** A query, not an update: it reads the workflow's state and changes nothing. */
export const conversationStateQuery = defineQuery<ConversationStateView>('state');
