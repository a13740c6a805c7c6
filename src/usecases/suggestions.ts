import type { Suggestion } from '../domain/agent.js';
import { conflict, notFound } from '../domain/errors.js';
import { derivedId } from '../domain/ids.js';
import type { Conversation } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { SuggestionRepository } from '../store/suggestions.js';

// Replies a SUGGESTIVE agent proposed, decided by a human: approved ones are sent, dismissed ones are not.

interface SuggestionRef {
  organizationId: string;
  conversationId: string;
  suggestionId: string;
}

async function requireConversation(
  conversations: ConversationRepository,
  organizationId: string,
  conversationId: string,
): Promise<Conversation> {
  const conversation = await conversations.findInOrganization(organizationId, conversationId);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

async function requireSuggestion(
  suggestions: SuggestionRepository,
  { organizationId, conversationId, suggestionId }: SuggestionRef,
): Promise<Suggestion> {
  const suggestion = await suggestions.findInConversation(organizationId, conversationId, suggestionId);
  if (!suggestion) throw notFound('Suggestion');
  return suggestion;
}

async function decide(
  suggestions: SuggestionRepository,
  suggestion: Suggestion,
  decision: Partial<Pick<Suggestion, 'text' | 'sentMessageId'>> & { status: 'approved' | 'dismissed' },
): Promise<Suggestion> {
  const decided = await suggestions.decide(suggestion, decision, new Date());
  if (!decided) throw conflict('Suggestion is no longer pending: it was already approved or dismissed');
  return decided;
}

/** The conversation's suggestions, newest first. */
export class ListSuggestions {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly suggestions: SuggestionRepository,
  ) {}

  async execute(command: {
    organizationId: string;
    conversationId: string;
    status?: Suggestion['status'] | undefined;
  }): Promise<Suggestion[]> {
    await requireConversation(this.conversations, command.organizationId, command.conversationId);
    return this.suggestions.listForConversation(command.organizationId, command.conversationId, command.status);
  }
}

/**
 * Pending → approved in one conditional write, so of two concurrent approvals one wins (the other
 * is a 409; FerretDB 1.24 updates without a lock and may let both through), then the text goes
 * through the conversation's workflow. The message id is derived from the suggestion, so however
 * many approvals get through, and a send that was signalled but not acknowledged and is approved
 * again, map onto one message, which the workflow sends once.
 */
export class ApproveSuggestion {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly engine: ConversationEngine,
  ) {}

  async execute(command: SuggestionRef & { editedText: string | undefined }): Promise<Suggestion> {
    const conversation = await requireConversation(this.conversations, command.organizationId, command.conversationId);
    const suggestion = await requireSuggestion(this.suggestions, command);
    const sentMessageId = derivedId(command.suggestionId, 'approved');
    const text = command.editedText ?? suggestion.text;
    const approved = await decide(this.suggestions, suggestion, { status: 'approved', text, sentMessageId });
    try {
      await this.engine.requestOutboundMessage(conversation, { messageId: sentMessageId, text, author: 'ai' });
    } catch (error) {
      // Not sent: back to pending (with the proposed text), so the human can approve it again.
      await this.suggestions.revertApproval(suggestion, sentMessageId);
      throw error;
    }
    return approved;
  }
}

/** Pending → dismissed: the suggestion is never sent. */
export class DismissSuggestion {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly suggestions: SuggestionRepository,
  ) {}

  async execute(command: SuggestionRef): Promise<Suggestion> {
    await requireConversation(this.conversations, command.organizationId, command.conversationId);
    return decide(this.suggestions, await requireSuggestion(this.suggestions, command), { status: 'dismissed' });
  }
}
