import { ServiceError } from '../domain/errors.js';
import type { Conversation } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { Collections } from '../store/database.js';
import type { Actor, ConversationControls } from '../workflows/definitions.js';

/** Seed 000's answer when AI cannot be enabled because the provider is out of funds. */
const INSUFFICIENT_FUNDS_MESSAGE = 'No se puede activar la IA. Fondos insuficientes en OpenAI.';

/**
 * What human agents change on a conversation, whichever API they come through: seed 000's
 * toggle-ai, seed 001's bot-control, seed 003's open/close. Every change goes to the conversation's
 * workflow as an update and answers with the state the workflow accepted.
 */
export class ChangeConversationControls {
  constructor(
    private readonly organizations: Collections['organizations'],
    private readonly engine: ConversationEngine,
  ) {}

  /** Enabling is refused (402) while the organization's provider is out of funds; disabling never is. */
  async setAiEnabled(conversation: Conversation, enabled: boolean, actor: Actor): Promise<ConversationControls> {
    if (enabled) {
      const organization = await this.organizations.findOne({ _id: conversation.organizationId });
      if (organization?.providerStatus === 'insufficient_funds') {
        throw new ServiceError(402, 'INSUFFICIENT_FUNDS', INSUFFICIENT_FUNDS_MESSAGE);
      }
    }
    return this.engine.changeControls(conversation, { aiEnabled: enabled, actor });
  }

  /** Pause (a human takes over: the takeover webhook fires) or resume the bot. */
  setBotActive(conversation: Conversation, active: boolean, actor: Actor): Promise<ConversationControls> {
    return this.engine.changeControls(conversation, { botActive: active, actor });
  }

  setStatus(
    conversation: Conversation,
    status: 'open' | 'closed',
    closing: { category: string | null; summary: string | null } | undefined,
    actor: Actor,
  ): Promise<ConversationControls> {
    return this.engine.changeControls(conversation, { status, ...(closing ? { closing } : {}), actor });
  }
}
