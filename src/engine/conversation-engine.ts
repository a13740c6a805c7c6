import type { Client } from '@temporalio/client';
import {
  conversationWorkflowId,
  conversationWorkflowType,
  inboundMessageSignal,
  type ConversationRef,
  type ConversationWorkflowInput,
} from '../workflows/definitions.js';
import { searchAttributes } from '../workflows/search-attributes.js';

/**
 * The API's handle on conversation workflows: it signals and updates them, never runs them.
 * One instance per process around the shared Temporal client.
 */
export class ConversationEngine {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Hands a stored inbound message to its conversation's workflow, starting the workflow if needed. */
  async notifyInboundMessage(conversation: ConversationRef, messageId: string): Promise<void> {
    const input: ConversationWorkflowInput = { conversation };
    await this.client.workflow.signalWithStart(conversationWorkflowType, {
      workflowId: conversationWorkflowId(conversation.organizationId, conversation.conversationId),
      taskQueue: this.taskQueue,
      args: [input],
      signal: inboundMessageSignal,
      signalArgs: [{ messageId }],
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
