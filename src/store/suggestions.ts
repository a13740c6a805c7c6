import type { Suggestion } from '../domain/agent.js';
import type { Collections } from './database.js';

/** Replies a SUGGESTIVE agent proposed (`suggestions`), always within one organization. */
export class SuggestionRepository {
  constructor(private readonly collection: Collections['suggestions']) {}

  /** Stores a suggestion unless its id is stored already (a retried reply turn). */
  async insertOnce({ _id, ...fields }: Suggestion): Promise<void> {
    await this.collection.updateOne(
      { _id, organizationId: fields.organizationId },
      { $setOnInsert: fields },
      { upsert: true },
    );
  }

  /** The conversation's suggestions, newest first (at most 500), of one status if given. */
  listForConversation(
    organizationId: string,
    conversationId: string,
    status?: Suggestion['status'],
  ): Promise<Suggestion[]> {
    return this.collection
      .find({ organizationId, conversationId, ...(status ? { status } : {}) })
      .sort({ createdAt: -1, _id: 1 })
      .limit(500)
      .toArray();
  }

  findInConversation(organizationId: string, conversationId: string, suggestionId: string): Promise<Suggestion | null> {
    return this.collection.findOne({ _id: suggestionId, organizationId, conversationId });
  }

  /** Decides a pending suggestion in one conditional write; null when it was no longer pending. */
  decide(
    suggestion: Suggestion,
    decision: Partial<Pick<Suggestion, 'text' | 'sentMessageId'>> & { status: 'approved' | 'dismissed' },
    at: Date,
  ): Promise<Suggestion | null> {
    return this.collection.findOneAndUpdate(
      { _id: suggestion._id, organizationId: suggestion.organizationId, status: 'pending' },
      { $set: { ...decision, decidedAt: at } },
      { returnDocument: 'after' },
    );
  }

  /** An approval whose message could not be sent goes back to pending, with the proposed text. */
  async revertApproval(suggestion: Suggestion, sentMessageId: string): Promise<void> {
    await this.collection.updateOne(
      { _id: suggestion._id, organizationId: suggestion.organizationId, status: 'approved', sentMessageId },
      { $set: { status: 'pending', text: suggestion.text, decidedAt: null, sentMessageId: null } },
    );
  }
}
