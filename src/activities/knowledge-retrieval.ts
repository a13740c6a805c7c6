import MiniSearch from 'minisearch';
import type { RetrievedChunk } from '../domain/model.js';
import type { KnowledgeBaseRepository } from '../store/knowledge-bases.js';

/** How many chunks a reply is given, and how many a knowledge base may bring into one search. */
export const CHUNKS_PER_REPLY = 3;
const MAX_CHUNKS_SEARCHED = 5_000;

/**
 * The chunks of the agent's knowledge bases that best match what the contact wrote, ranked by
 * MiniSearch (BM25 with prefix and fuzzy matching). The index is built per reply from the stored
 * chunks: knowledge bases are small and change at any time, so there is no cache to invalidate.
 */
export async function retrieveChunks(
  knowledgeBases: KnowledgeBaseRepository,
  organizationId: string,
  knowledgeBaseIds: string[],
  query: string,
  limit = CHUNKS_PER_REPLY,
): Promise<RetrievedChunk[]> {
  if (knowledgeBaseIds.length === 0 || !query.trim()) return [];
  const documents = await knowledgeBases.chunksOfAny(organizationId, knowledgeBaseIds, MAX_CHUNKS_SEARCHED);
  if (documents.length === 0) return [];
  const index = new MiniSearch({ fields: ['text'], storeFields: ['knowledgeBaseId', 'text'], idField: '_id' });
  index.addAll(documents);
  return index
    .search(query, { prefix: true, fuzzy: 0.2, combineWith: 'OR' })
    .slice(0, limit)
    .map((hit) => ({
      knowledgeBaseId: hit.knowledgeBaseId as string,
      chunkId: String(hit.id),
      text: hit.text as string,
      score: Math.round(hit.score * 1000) / 1000,
    }));
}

/** The retrieved chunks as the system prompt cites them. */
export function knowledgeSection(retrieved: RetrievedChunk[]): string {
  if (retrieved.length === 0) return '';
  const cited = retrieved.map((chunk, i) => `[${i + 1}] ${chunk.text}`).join('\n');
  return `\n\nAnswer from this knowledge when it is relevant:\n${cited}`;
}
