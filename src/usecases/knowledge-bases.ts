import type { KnowledgeBase, KnowledgeChunk } from '../domain/agent.js';
import { notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { chunkText } from '../domain/knowledge-base.js';
import type { AgentRepository } from '../store/agents.js';
import type { KnowledgeBaseRepository } from '../store/knowledge-bases.js';

// Knowledge bases built from text: chunked once at creation, retrieved per reply by the agents that use them.

async function requireKnowledgeBase(
  knowledgeBases: KnowledgeBaseRepository,
  organizationId: string,
  knowledgeBaseId: string,
): Promise<KnowledgeBase> {
  const knowledgeBase = await knowledgeBases.findInOrganization(organizationId, knowledgeBaseId);
  if (!knowledgeBase) throw notFound('Knowledge base');
  return knowledgeBase;
}

/**
 * Builds a knowledge base from text, chunked once here. The chunks are stored before the knowledge
 * base, so a knowledge base is never visible half-built.
 */
export class CreateKnowledgeBase {
  constructor(private readonly knowledgeBases: KnowledgeBaseRepository) {}

  async execute({ organizationId, name, text }: { organizationId: string; name: string; text: string }) {
    const knowledgeBaseId = newId();
    const chunks: KnowledgeChunk[] = chunkText(text).map((chunk, ordinal) => ({
      _id: `${knowledgeBaseId}:${ordinal}`,
      organizationId,
      knowledgeBaseId,
      ordinal,
      text: chunk,
    }));
    await this.knowledgeBases.insertChunks(chunks);
    const knowledgeBase: KnowledgeBase = {
      _id: knowledgeBaseId,
      organizationId,
      name,
      chunkCount: chunks.length,
      createdAt: new Date(),
    };
    await this.knowledgeBases.insert(knowledgeBase);
    return knowledgeBase;
  }
}

/** The organization's knowledge bases, newest first. */
export class ListKnowledgeBases {
  constructor(private readonly knowledgeBases: KnowledgeBaseRepository) {}

  execute({ organizationId }: { organizationId: string }): Promise<KnowledgeBase[]> {
    return this.knowledgeBases.listForOrganization(organizationId);
  }
}

/** A knowledge base and its chunks, in order. */
export class GetKnowledgeBase {
  constructor(private readonly knowledgeBases: KnowledgeBaseRepository) {}

  async execute({ organizationId, knowledgeBaseId }: { organizationId: string; knowledgeBaseId: string }) {
    const knowledgeBase = await requireKnowledgeBase(this.knowledgeBases, organizationId, knowledgeBaseId);
    const chunks = await this.knowledgeBases.chunksOf(organizationId, knowledgeBase._id);
    return { knowledgeBase, chunks };
  }
}

/** Agents stop using it first and the knowledge base goes last, so a retried delete finishes a failed one. */
export class DeleteKnowledgeBase {
  constructor(
    private readonly knowledgeBases: KnowledgeBaseRepository,
    private readonly agents: AgentRepository,
  ) {}

  async execute({ organizationId, knowledgeBaseId }: { organizationId: string; knowledgeBaseId: string }) {
    await requireKnowledgeBase(this.knowledgeBases, organizationId, knowledgeBaseId);
    await this.agents.stopUsingKnowledgeBase(organizationId, knowledgeBaseId);
    await this.knowledgeBases.delete(organizationId, knowledgeBaseId);
  }
}
