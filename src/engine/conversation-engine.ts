import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, WorkflowStartOptions } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import {
  conversationWorkflowId,
  conversationWorkflowType,
  controlsChangeQuery,
  controlsChangeRequestedSignal,
  conversationStateQuery,
  inboundMessageSignal,
  outboundMessageSignal,
  type ControlsChange,
  type ControlsChangeRequested,
  type ConversationControls,
  type ConversationRef,
  type OutboundMessageRequested,
  type ConversationWorkflowInput,
  type ConversationStateView,
} from '../workflows/definitions.js';
import { botState } from '../workflows/bot-state.js';
import { searchAttributes } from '../workflows/search-attributes.js';
import type { Conversation } from '../domain/model.js';
import { ServiceError } from '../domain/errors.js';

const SIGNAL_DEADLINE_MS = 5_000;

/** What the Temporal UI shows of a conversation: the contact's display name and the channel, nothing more. */
export interface WorkflowSummary {
  contactName: string | null;
  channelName: string;
}

function workflowSummary(conversation: StoredConversation, summary?: WorkflowSummary): string {
  if (!summary) return `Conversation ${conversation._id}`;
  return `${summary.contactName ?? 'Contact'} on ${summary.channelName}`;
}
/** A read waits this long for the workflow's own state before the caller answers from MongoDB's copy. */
const QUERY_DEADLINE_MS = 2_000;

/** The conversation as stored: what the engine needs to address (and, if needed, start) its workflow. */
export type StoredConversation = Pick<
  Conversation,
  '_id' | 'organizationId' | 'channelAccountId' | 'contactId' | 'aiEnabled' | 'aiAgentActive' | 'status'
>;

/**
 * The API's handle on conversation workflows: it signals and queries them, never runs them.
 * One instance per process around the shared Temporal client.
 */
export class ConversationEngine {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    /** How long a change to the controls waits to be applied (CONTROLS_CHANGE_TIMEOUT_SECONDS). */
    private readonly controlsChangeTimeoutMs = 15_000,
  ) {}

  /**
   * Hands a stored inbound message to its conversation's workflow, starting the workflow if needed.
   * Bounded by a deadline so an unreachable Temporal fails the request quickly (the caller retries;
   * a signal that did land meanwhile is deduplicated by the workflow).
   */
  async notifyInboundMessage(
    conversation: StoredConversation,
    messageId: string,
    { reopenIfClosed, summary }: { reopenIfClosed: boolean; summary?: WorkflowSummary },
  ): Promise<void> {
    await this.client.connection.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () =>
      this.signalWithStart(conversation, inboundMessageSignal, { messageId, reopenIfClosed }, summary),
    );
  }

  /**
   * Changes what humans control (AI on/off, bot paused/active, open/closed) and answers with the
   * controls once the workflow applied the change (saved MongoDB's copy, called the takeover
   * webhook). Signal-with-start: a conversation whose workflow is not running (never started, or
   * terminated by an operator) gets one. The change holds the bot as soon as it is signalled; it is
   * applied between the workflow's steps, so a reply being generated meanwhile delays the answer
   * (and is dropped). Past the deadline the caller gets a 503 and the change still applies.
   */
  async changeControls(conversation: StoredConversation, change: ControlsChange): Promise<ConversationControls> {
    const deadline = Date.now() + this.controlsChangeTimeoutMs;
    const request: ControlsChangeRequested = { ...change, changeId: randomUUID() };
    await this.client.connection.withDeadline(Math.min(deadline, Date.now() + SIGNAL_DEADLINE_MS), () =>
      this.signalWithStart(conversation, controlsChangeRequestedSignal, request),
    );
    const handle = this.client.workflow.getHandle(this.workflowIdOf(conversation));
    for (let pollMs = 10; Date.now() < deadline; pollMs = Math.min(pollMs * 2, 200)) {
      const applied = await this.client.connection
        .withDeadline(deadline, () => handle.query(controlsChangeQuery, request.changeId))
        .catch(() => null); // no worker answered yet (restarting): asked again
      if (applied) return applied;
      await sleep(Math.min(pollMs, Math.max(deadline - Date.now(), 0)));
    }
    throw new ServiceError(
      503,
      'temporarily_unavailable',
      'The change is recorded but its conversation has not applied it yet (a reply is being generated); it will, read the conversation to see it',
      undefined,
      { 'retry-after': '2' },
    );
  }

  /** Asks the conversation's workflow to send `message` as it is, between reply turns. */
  async requestOutboundMessage(conversation: StoredConversation, message: OutboundMessageRequested): Promise<void> {
    await this.client.connection.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () =>
      this.signalWithStart(conversation, outboundMessageSignal, message),
    );
  }

  /** The conversation's workflow id (how operators find the run in the Temporal UI). */
  workflowIdOf(conversation: Pick<StoredConversation, '_id' | 'organizationId'>): string {
    return conversationWorkflowId(conversation.organizationId, conversation._id);
  }

  /**
   * What the running workflow knows beyond MongoDB's copy (a sleeping bot's wake-up, the next
   * follow-up, the assigned agent), or null when it cannot say now: never started, or no worker
   * answered within the deadline. A read never fails for it.
   */
  async readState(conversation: StoredConversation): Promise<ConversationStateView | null> {
    try {
      return await this.client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        this.client.workflow.getHandle(this.workflowIdOf(conversation)).query(conversationStateQuery),
      );
    } catch {
      return null;
    }
  }

  private async signalWithStart<T>(
    conversation: StoredConversation,
    signal: SignalDefinition<[T]>,
    payload: T,
    summary?: WorkflowSummary,
  ): Promise<void> {
    await this.client.workflow.signalWithStart(conversationWorkflowType, {
      ...this.startOptions(conversation, summary),
      signal,
      signalArgs: [payload],
    });
  }

  /**
   * How a conversation's workflow starts: its id, its input (the stored controls), search attributes
   * and the one-line summary the Temporal UI shows (who and where; it applies only when this call
   * starts the workflow).
   */
  private startOptions(conversation: StoredConversation, summary?: WorkflowSummary) {
    const ref: ConversationRef = {
      organizationId: conversation.organizationId,
      conversationId: conversation._id,
      channelAccountId: conversation.channelAccountId,
      contactId: conversation.contactId,
    };
    const controls: ConversationControls = {
      aiEnabled: conversation.aiEnabled,
      botActive: conversation.aiAgentActive,
      status: conversation.status,
    };
    const input: ConversationWorkflowInput = { conversation: ref, controls };
    return {
      workflowId: conversationWorkflowId(ref.organizationId, ref.conversationId),
      taskQueue: this.taskQueue,
      args: [input],
      staticSummary: workflowSummary(conversation, summary),
      typedSearchAttributes: [
        { key: searchAttributes.organizationId, value: ref.organizationId },
        { key: searchAttributes.conversationId, value: ref.conversationId },
        { key: searchAttributes.contactId, value: ref.contactId },
        { key: searchAttributes.channelAccountId, value: ref.channelAccountId },
        { key: searchAttributes.botState, value: botState(controls) },
      ],
    } satisfies Partial<WorkflowStartOptions>;
  }
}
