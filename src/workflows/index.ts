// The workflow bundle's entry point: every workflow type the worker registers.
export { conversationWorkflow } from './conversation.js';
export { webhookEventWorkflow } from './webhook-event.js';
