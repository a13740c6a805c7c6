import type { KnowledgeBase, KnowledgeChunk } from '../domain/agent.js';
import type { Collections } from './database.js';

/** Knowledge bases and their chunks (`knowledge_bases`, `knowledge_chunks`), within one organization. */
export class KnowledgeBaseRepository {
  constructor(private readonly collections: Pick<Collections, 'knowledgeBases' | 'knowledgeChunks'>) {}

  async insertChunks(chunks: KnowledgeChunk[]): Promise<void> {
    if (chunks.length) await this.collections.knowledgeChunks.insertMany(chunks);
  }

  async insert(knowledgeBase: KnowledgeBase): Promise<void> {
    await this.collections.knowledgeBases.insertOne(knowledgeBase);
  }

  /** The organization's knowledge bases, newest first (at most 1000). */
  listForOrganization(organizationId: string): Promise<KnowledgeBase[]> {
    return this.collections.knowledgeBases
      .find({ organizationId })
      .sort({ createdAt: -1, _id: 1 })
      .limit(1000)
      .toArray();
  }

  findInOrganization(organizationId: string, knowledgeBaseId: string): Promise<KnowledgeBase | null> {
    return this.collections.knowledgeBases.findOne({ _id: knowledgeBaseId, organizationId });
  }

  /** Which of these ids are knowledge bases of the organization. */
  async existingIds(organizationId: string, knowledgeBaseIds: string[]): Promise<string[]> {
    const found = await this.collections.knowledgeBases
      .find({ organizationId, _id: { $in: knowledgeBaseIds } }, { projection: { _id: 1 } })
      .toArray();
    return found.map(({ _id }) => _id);
  }

  chunksOf(organizationId: string, knowledgeBaseId: string): Promise<KnowledgeChunk[]> {
    return this.collections.knowledgeChunks.find({ organizationId, knowledgeBaseId }).sort({ ordinal: 1 }).toArray();
  }

  /** Up to `limit` chunks of these knowledge bases of the organization, to search in. */
  chunksOfAny(organizationId: string, knowledgeBaseIds: string[], limit: number): Promise<KnowledgeChunk[]> {
    return this.collections.knowledgeChunks
      .find({ organizationId, knowledgeBaseId: { $in: knowledgeBaseIds } })
      .limit(limit)
      .toArray();
  }

  /** The chunks go first and the knowledge base last, so a retried delete finishes a failed one. */
  async delete(organizationId: string, knowledgeBaseId: string): Promise<void> {
    await this.collections.knowledgeChunks.deleteMany({ organizationId, knowledgeBaseId });
    await this.collections.knowledgeBases.deleteOne({ _id: knowledgeBaseId, organizationId });
  }
}
