import type { AgentMode } from '../domain/agent.js';
import type { ActionLog, Message, MessageSender } from '../domain/model.js';
import type { ToolCall, ToolRound } from '../domain/prompt.js';
import type { ReplyPart } from '../domain/typing.js';

/**
 * The contracts between the conversation workflow and its activities: what the workflow asks for
 * and what it gets back. They belong to the workflow (it decides what a turn is), so they live
 * beside its definitions; the activities implement them and the workflow imports nothing else of
 * theirs but their interface type.
 */

export interface ConversationKey {
  organizationId: string;
  conversationId: string;
}

/** One reply turn, as the workflow fixed it before asking for a generation. */
export interface ReplyTurn extends ConversationKey {
  /** The inbound messages this reply answers. */
  triggerMessageIds: string[];
  /** Fixed by the workflow before the call: the AI log's key and the outbound message's id. */
  replyMessageId: string;
  /** The conversation AI agent answering (seed 004); absent: the plain AI settings (seed 002). */
  agentId?: string | null;
  /** Tool calls made so far in this turn, with their answers, and what they did. */
  toolRounds?: ToolRound[];
  actionLogs?: ActionLog[];
  /** Send this text without asking the model: an action's final message. */
  fixedReply?: string;
  /** A follow-up to a contact who went quiet: logged as source `workflow`, no tools. */
  followup?: boolean;
  /**
   * Look up the agent answering now (the one TRANSFER_BOT assigned, else the channel's) instead of
   * taking `agentId`, and return it with the result: the turn needs no lookup activity of its own.
   */
  lookUpAgent?: { assignedAgentId: string | null };
}

export type GenerationResult =
  | {
      outcome: 'generated';
      text: string;
      aiLogId: string;
      replyDelaySeconds: number;
      /** The typing time of the whole reply (the sum of its parts' when split). */
      typingMs: number;
      /** Split on blank lines (the agent's or channel account's `split_messages`): sent one by one. */
      parts?: ReplyPart[];
      /**
       * The message whose typing indicator the generation already showed (no reply delay: "typing…"
       * right away, without an activity of its own); absent: the workflow shows it.
       */
      typingShownFor?: string;
      /** The organization's configuration version the generation read (see `ReplyDelivery`). */
      configurationVersion?: string;
    }
  | { outcome: 'tool_calls'; calls: ToolCall[] }
  | { outcome: 'suggested'; aiLogId: string }
  | { outcome: 'skipped'; reason: string; aiLogId: string }
  | { outcome: 'failed'; reason: string; aiLogId: string };

/** Why the messages of a turn whose agent is set to OFF are left to the humans (the AI log's reason). */
export const AGENT_OFF_REASON = 'the agent is OFF';

/** A generation that looked up its agent (`ReplyTurn.lookUpAgent`) says which (null: no agent). */
export type GenerationWithAgent = GenerationResult & { agent?: AgentPolicy | null };

/**
 * A generated reply the workflow did not send, and why: the contact wrote again before it went out
 * (`supersededBy`, the newer messages; the next turn answers all of them), or a human took over.
 * A split reply may be stopped after some of its parts went out (`partsSent` > 0): the rest is dropped.
 */
export interface DroppedReply extends ConversationKey {
  replyMessageId: string;
  reason: string;
  supersededBy?: string[];
  partsSent?: number;
}

/** Inbound messages the bot leaves to the humans, with the reason (paused, AI off, closed, agent OFF). */
export interface UnansweredMessages extends ConversationKey {
  /** Fixed by the workflow: the AI log row's id. */
  logId: string;
  messageIds: string[];
  reason: string;
}

/** One message the workflow sends as it is: the outbound message's id is the idempotency key. */
export interface ReplyDelivery extends ConversationKey {
  /** Fixed by the workflow: the outbound message id and the hook's idempotency key. */
  replyMessageId: string;
  text: string;
  author: Exclude<Message['author'], 'contact'>;
  /** Who wrote a human's message (shown in the transcript). */
  sentBy?: MessageSender | undefined;
  /**
   * The configuration version its generation read, for a reply sent right after it (no reply
   * delay): the first attempt uses the configuration kept at that version (seconds old) instead of
   * reading the organization again; a retry reads it again.
   */
  configurationVersion?: string | undefined;
  /** A reply sent like a human: the delivery itself waits and shows typing first (see `DeliveryPace`). */
  pace?: DeliveryPace | undefined;
}

/**
 * How a reply goes out like a human, counted from when the workflow scheduled its delivery: wait
 * `waitMs` (the reply delay), show typing (unless the generation already did), wait `typingMs`,
 * send. The delivery waits by failing its attempt with the time left as the next retry's delay, so
 * the waits are Temporal's retry timers: no workflow timer, no typing activity, no history events,
 * and no worker slot held. Each wait is at most a minute (the server caps a retry's delay at the
 * policy's `LONGEST_RETRY_INTERVAL_MS`; a longer reply delay is a workflow timer before it). The
 * workflow cancels the delivery when a human or a newer message interrupts; one waiting for its
 * next attempt is cancelled at once by the server.
 */
export interface DeliveryPace {
  waitMs: number;
  typingMs: number;
  showTyping: boolean;
}

/** What the conversation workflow needs to know of the agent answering it, read once per turn. */
export interface AgentPolicy {
  agentId: string;
  agentName: string;
  mode: AgentMode;
  /** Debounce: quiet time before answering. */
  waitMs: number;
  /** After a manual (human) or workflow message: sleep this long; null = until resumed; absent = no sleep. */
  sleepAfterManualMessage: { ms: number | null } | null;
  sleepAfterWorkflowMessage: { ms: number | null } | null;
  autoPilotMaxMessages: number;
  /** The ADVANCED_FOLLOWUP action armed whenever the agent has answered and the contact goes quiet. */
  stoppedReplyingFollowupId: string | null;
}

/** What a tool call changes in the conversation itself; the workflow applies it after the reply is sent. */
export type AgentEffect =
  | { kind: 'hand_over'; finalMessage: string; sleepMs: number | null }
  | { kind: 'stop_bot'; finalMessage: string; sleepMs: number | null }
  | { kind: 'transfer'; agentId: string }
  | { kind: 'follow_up'; actionId: string }
  | { kind: 'sleep'; sleepMs: number };

export interface ActionOutcome {
  actionLog: ActionLog;
  effect: AgentEffect | null;
}

export interface ActionCall extends ConversationKey {
  agentId: string;
  /** The reply the call belongs to: with the call id, the idempotency key of what it does outside. */
  replyMessageId: string;
  call: ToolCall;
}

/** A follow-up step due at `dueAt` (epoch ms, already inside working hours). */
export interface ScheduledFollowup {
  actionId: string;
  stepIndex: number;
  dueAt: number;
}

export type FollowupStep =
  | { kind: 'skip' }
  | { kind: 'reschedule'; dueAt: number }
  | {
      kind: 'send';
      customMessage: string | null;
      /** With dynamic channel switching: the contact's conversation on the channel they used last, if not this one. */
      switchToConversationId: string | null;
    };
