import type { KnowledgeBase } from '../../domain/agent.js';
import { KNOWLEDGE_TEXT_MAX_BYTES } from '../../domain/knowledge-base.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';
import { ResourceId } from './common.js';
import { conversationAiReadScopes, conversationAiWriteScopes } from './conversation-ai.js';

/** The path whose bodies may be larger than the API's default limit (the knowledge text, JSON-escaped). */
export const KNOWLEDGE_BASES_PATH = '/v1/knowledge-bases';

const KnowledgeBaseView = z
  .object({ id: z.string(), name: z.string(), chunk_count: z.number().int(), created_at: z.string() })
  .openapi('KnowledgeBase');

const view = (knowledgeBase: KnowledgeBase): z.infer<typeof KnowledgeBaseView> => ({
  id: knowledgeBase._id,
  name: knowledgeBase.name,
  chunk_count: knowledgeBase.chunkCount,
  created_at: knowledgeBase.createdAt.toISOString(),
});

const KnowledgeBaseParams = z.object({ knowledgeBaseId: ResourceId });

export function knowledgeBaseRoutes({
  createKnowledgeBase,
  listKnowledgeBases,
  getKnowledgeBase,
  deleteKnowledgeBase,
}: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: KNOWLEDGE_BASES_PATH,
      operationId: 'createKnowledgeBase',
      summary: 'Create a knowledge base from text',
      description:
        'The text is split into chunks of about 800 characters at paragraph, then sentence boundaries; agents listing the ' +
        'knowledge base in `knowledgeBaseIds` are given the chunks relevant to each reply.',
      tags: ['Conversation AI'],
      auth: conversationAiWriteScopes,
      request: {
        body: z
          .object({
            name: z.string().trim().min(1).max(200),
            text: z
              .string()
              .trim()
              .min(1)
              .refine((text) => Buffer.byteLength(text) <= KNOWLEDGE_TEXT_MAX_BYTES, 'must be at most 500 kB (UTF-8)'),
          })
          .strict()
          .openapi('CreateKnowledgeBase'),
      },
      responses: {
        201: { description: 'Created', schema: KnowledgeBaseView },
        400: { description: 'Invalid body' },
      },
      handle: async ({ principal, body }) => ({
        status: 201,
        body: view(await createKnowledgeBase.execute({ organizationId: principal.organizationId, ...body })),
      }),
    }),
    defineRoute({
      method: 'get',
      path: KNOWLEDGE_BASES_PATH,
      operationId: 'listKnowledgeBases',
      summary: 'List knowledge bases',
      tags: ['Conversation AI'],
      auth: conversationAiReadScopes,
      responses: { 200: { description: 'Newest first', schema: z.array(KnowledgeBaseView) } },
      handle: async ({ principal }) => ({
        status: 200,
        body: (await listKnowledgeBases.execute({ organizationId: principal.organizationId })).map(view),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${KNOWLEDGE_BASES_PATH}/{knowledgeBaseId}`,
      operationId: 'getKnowledgeBase',
      summary: 'Get a knowledge base with its chunks',
      tags: ['Conversation AI'],
      auth: conversationAiReadScopes,
      request: { params: KnowledgeBaseParams },
      responses: {
        200: {
          description: 'The knowledge base and its chunks in order',
          schema: KnowledgeBaseView.extend({
            chunks: z.array(z.object({ id: z.string(), ordinal: z.number().int(), text: z.string() })),
          }).openapi('KnowledgeBaseWithChunks'),
        },
        404: { description: 'No such knowledge base in this organization' },
      },
      async handle({ principal, params }) {
        const { knowledgeBase, chunks } = await getKnowledgeBase.execute({
          organizationId: principal.organizationId,
          knowledgeBaseId: params.knowledgeBaseId,
        });
        return {
          status: 200,
          body: {
            ...view(knowledgeBase),
            chunks: chunks.map((chunk) => ({ id: chunk._id, ordinal: chunk.ordinal, text: chunk.text })),
          },
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${KNOWLEDGE_BASES_PATH}/{knowledgeBaseId}`,
      operationId: 'deleteKnowledgeBase',
      summary: 'Delete a knowledge base (its chunks, and its id from the agents using it)',
      tags: ['Conversation AI'],
      auth: conversationAiWriteScopes,
      request: { params: KnowledgeBaseParams },
      responses: {
        204: { description: 'Deleted' },
        404: { description: 'No such knowledge base in this organization' },
      },
      async handle({ principal, params }) {
        await deleteKnowledgeBase.execute({
          organizationId: principal.organizationId,
          knowledgeBaseId: params.knowledgeBaseId,
        });
        return { status: 204 };
      },
    }),
  ];
}
