import type { Client } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import {
  conversationWorkflowId,
  conversationWorkflowType,
  inboundMessageSignal,
  outboundMessageSignal,
  type ConversationRef,
  type OutboundMessageRequested,
  type ConversationWorkflowInput,
} from '../workflows/definitions.js';
import { searchAttributes } from '../workflows/search-attributes.js';

const SIGNAL_DEADLINE_MS = 5_000;

/**
 * The API's handle on conversation workflows: it signals and updates them, never runs them.
 * One instance per process around the shared Temporal client.
 */
export class ConversationEngine {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /**
   * Hands a stored inbound message to its conversation's workflow, starting the workflow if needed.
   * Bounded by a deadline so an unreachable Temporal fails the request quickly (the caller retries;
   * a signal that did land meanwhile is deduplicated by the workflow).
   */
  async notifyInboundMessage(conversation: ConversationRef, messageId: string): Promise<void> {
    await this.client.connection.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () =>
      this.signalWithStart(conversation, inboundMessageSignal, { messageId }),
    );
  }

  /** Asks the conversation's workflow to send `message` as it is, between reply turns. */
  async requestOutboundMessage(conversation: ConversationRef, message: OutboundMessageRequested): Promise<void> {
    await this.client.connection.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () =>
      this.signalWithStart(conversation, outboundMessageSignal, message),
    );
  }

  private async signalWithStart<T>(
    conversation: ConversationRef,
    signal: SignalDefinition<[T]>,
    payload: T,
  ): Promise<void> {
    const input: ConversationWorkflowInput = { conversation };
    await this.client.workflow.signalWithStart(conversationWorkflowType, {
      workflowId: conversationWorkflowId(conversation.organizationId, conversation.conversationId),
      taskQueue: this.taskQueue,
      args: [input],
      signal,
      signalArgs: [payload],
      typedSearchAttributes: [
        { key: searchAttributes.organizationId, value: conversation.organizationId },
        { key: searchAttributes.conversationId, value: conversation.conversationId },
        { key: searchAttributes.contactId, value: conversation.contactId },
        { key: searchAttributes.channelAccountId, value: conversation.channelAccountId },
        { key: searchAttributes.botState, value: 'active' },
      ],
    });
  }
}
