import type { Suggestion } from '../domain/agent.js';
import { conflict, notFound } from '../domain/errors.js';
import { derivedId } from '../domain/ids.js';
import type { Conversation } from '../domain/model.js';
import type { ConversationEngine } from '../engine/conversation-engine.js';
import type { Collections } from '../store/database.js';

/** Replies a SUGGESTIVE agent proposed, decided by a human: approved ones are sent, dismissed ones are not. */
export class Suggestions {
  constructor(
    private readonly collections: Pick<Collections, 'suggestions' | 'conversations'>,
    private readonly engine: ConversationEngine,
  ) {}

  async list(organizationId: string, conversationId: string, status?: Suggestion['status']): Promise<Suggestion[]> {
    await this.conversation(organizationId, conversationId);
    return this.collections.suggestions
      .find({ organizationId, conversationId, ...(status ? { status } : {}) })
      .sort({ createdAt: -1, _id: 1 })
      .limit(500)
      .toArray();
  }

  /**
   * Pending → approved in one conditional write, so of two concurrent approvals one wins (the other
   * is a 409; FerretDB 1.24 updates without a lock and may let both through), then the text goes
   * through the conversation's workflow. The message id is derived from the suggestion, so however
   * many approvals get through, and a send that was signalled but not acknowledged and is approved
   * again, map onto one message, which the workflow sends once.
   */
  async approve(
    organizationId: string,
    conversationId: string,
    suggestionId: string,
    editedText: string | undefined,
  ): Promise<Suggestion> {
    const conversation = await this.conversation(organizationId, conversationId);
    const suggestion = await this.find(organizationId, conversationId, suggestionId);
    const sentMessageId = derivedId(suggestionId, 'approved');
    const text = editedText ?? suggestion.text;
    const approved = await this.decide(suggestion, { status: 'approved', text, sentMessageId });
    try {
      await this.engine.requestOutboundMessage(conversation, { messageId: sentMessageId, text, author: 'ai' });
    } catch (error) {
      // Not sent: back to pending (with the proposed text), so the human can approve it again.
      await this.collections.suggestions.updateOne(
        { _id: suggestionId, organizationId, status: 'approved', sentMessageId },
        { $set: { status: 'pending', text: suggestion.text, decidedAt: null, sentMessageId: null } },
      );
      throw error;
    }
    return approved;
  }

  async dismiss(organizationId: string, conversationId: string, suggestionId: string): Promise<Suggestion> {
    await this.conversation(organizationId, conversationId);
    return this.decide(await this.find(organizationId, conversationId, suggestionId), { status: 'dismissed' });
  }

  private async decide(
    suggestion: Suggestion,
    decision: Partial<Pick<Suggestion, 'text' | 'sentMessageId'>> & { status: 'approved' | 'dismissed' },
  ): Promise<Suggestion> {
    const decided = await this.collections.suggestions.findOneAndUpdate(
      { _id: suggestion._id, organizationId: suggestion.organizationId, status: 'pending' },
      { $set: { ...decision, decidedAt: new Date() } },
      { returnDocument: 'after' },
    );
    if (!decided) throw conflict('Suggestion is no longer pending: it was already approved or dismissed');
    return decided;
  }

  private async find(organizationId: string, conversationId: string, suggestionId: string): Promise<Suggestion> {
    const suggestion = await this.collections.suggestions.findOne({
      _id: suggestionId,
      organizationId,
      conversationId,
    });
    if (!suggestion) throw notFound('Suggestion');
    return suggestion;
  }

  private async conversation(organizationId: string, conversationId: string): Promise<Conversation> {
    const conversation = await this.collections.conversations.findOne({ _id: conversationId, organizationId });
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }
}
