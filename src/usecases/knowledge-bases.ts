import type { KnowledgeBase, KnowledgeChunk } from '../domain/agent.js';
import { notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { chunkText } from '../domain/knowledge-base.js';
import type { Collections } from '../store/database.js';

/** Knowledge bases built from text: chunked once at creation, retrieved per reply by the agents that use them. */
export class KnowledgeBases {
  constructor(private readonly collections: Pick<Collections, 'knowledgeBases' | 'knowledgeChunks' | 'agents'>) {}

  /** The chunks are stored before the knowledge base, so a knowledge base is never visible half-built. */
  async create(organizationId: string, command: { name: string; text: string }): Promise<KnowledgeBase> {
    const knowledgeBaseId = newId();
    const chunks: KnowledgeChunk[] = chunkText(command.text).map((text, ordinal) => ({
      _id: `${knowledgeBaseId}:${ordinal}`,
      organizationId,
      knowledgeBaseId,
      ordinal,
      text,
    }));
    if (chunks.length) await this.collections.knowledgeChunks.insertMany(chunks);
    const knowledgeBase: KnowledgeBase = {
      _id: knowledgeBaseId,
      organizationId,
      name: command.name,
      chunkCount: chunks.length,
      createdAt: new Date(),
    };
    await this.collections.knowledgeBases.insertOne(knowledgeBase);
    return knowledgeBase;
  }

  list(organizationId: string): Promise<KnowledgeBase[]> {
    return this.collections.knowledgeBases
      .find({ organizationId })
      .sort({ createdAt: -1, _id: 1 })
      .limit(1000)
      .toArray();
  }

  async find(organizationId: string, knowledgeBaseId: string): Promise<KnowledgeBase> {
    const knowledgeBase = await this.collections.knowledgeBases.findOne({ _id: knowledgeBaseId, organizationId });
    if (!knowledgeBase) throw notFound('Knowledge base');
    return knowledgeBase;
  }

  async chunks(organizationId: string, knowledgeBaseId: string): Promise<KnowledgeChunk[]> {
    return this.collections.knowledgeChunks.find({ organizationId, knowledgeBaseId }).sort({ ordinal: 1 }).toArray();
  }

  /** Agents stop using it first and the knowledge base goes last, so a retried delete finishes a failed one. */
  async delete(organizationId: string, knowledgeBaseId: string): Promise<void> {
    await this.find(organizationId, knowledgeBaseId);
    await this.collections.agents.updateMany(
      { organizationId, knowledgeBaseIds: knowledgeBaseId },
      { $pull: { knowledgeBaseIds: knowledgeBaseId } },
    );
    await this.collections.knowledgeChunks.deleteMany({ organizationId, knowledgeBaseId });
    await this.collections.knowledgeBases.deleteOne({ _id: knowledgeBaseId, organizationId });
  }
}
