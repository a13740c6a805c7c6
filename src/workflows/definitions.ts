import { defineSignal } from '@temporalio/workflow';

/**
 * What the API and the worker share about the conversation workflow: its id scheme, input and
 * messages. Kept apart from the workflow body so the Koa API never imports workflow or activity code.
 */

export const conversationWorkflowType = 'conversationWorkflow';

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

/** State handed from one run to the next across continue-as-new. */
export interface CarriedState {
  pendingMessageIds: string[];
  /** Absent in runs started before outbound messages existed. */
  outbox?: OutboundMessageRequested[];
  recentMessageIds: string[];
}

export interface ConversationWorkflowInput {
  conversation: ConversationRef;
  carried?: CarriedState;
}

export interface InboundMessageReceived {
  /** Id of the stored inbound message; a re-delivered message carries the same id and is ignored. */
  messageId: string;
}

export const inboundMessageSignal = defineSignal<[InboundMessageReceived]>('inboundMessage');

/** A message to send as it is (no generation): a test reply now, a human agent's message later. */
export interface OutboundMessageRequested {
  /** Chosen by the caller; the outbound message's id and the hook's idempotency key. */
  messageId: string;
  text: string;
  author: 'ai' | 'human';
}

export const outboundMessageSignal = defineSignal<[OutboundMessageRequested]>('outboundMessage');
