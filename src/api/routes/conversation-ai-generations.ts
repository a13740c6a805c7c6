import { agentModes } from '../../domain/agent.js';
import type { UseCases } from '../../usecases/index.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { ResourceId } from './common.js';
import { conversationAiReadScopes, conversationAiRoute, limitedWrite, NestError } from './conversation-ai.js';

const GenerationDetails = z
  .object({
    prompt: z.string().openapi({ description: 'The system prompt' }),
    history: z
      .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() }))
      .openapi({ description: 'The conversation messages the model saw after the system prompt' }),
    responseMessage: z.string(),
    input: z.string().openapi({ description: 'The text of the contact messages this generation answered' }),
    intent: z.string().nullable().openapi({ description: 'The goal of the agent (null if it was deleted)' }),
    agentId: z.string().nullable(),
    mode: z.enum(agentModes).nullable(),
    actionLogs: z.array(z.record(z.string(), z.unknown())),
    knowledgeBaseChunks: z.array(
      z.object({ knowledgeBaseId: z.string(), chunkId: z.string(), text: z.string(), score: z.number() }),
    ),
    faqs: z.array(z.unknown()).openapi({ description: 'Always empty: convo-pilot has no FAQ sources' }),
    website: z.array(z.unknown()).openapi({ description: 'Always empty: convo-pilot has no website sources' }),
  })
  .openapi('FetchAIResponseDetailsResponseDTO');

/** Seed 004: what produced an AI message (generation details). */
export function conversationAiGenerationRoutes({ config }: ApiDeps, { explainGeneration }: UseCases) {
  return [
    conversationAiRoute({
      method: 'get',
      path: '/conversation-ai/generations',
      operationId: 'getGenerationDetails',
      summary: 'Get the generation details of an AI message',
      description:
        '`messageId` is the AI message (the id of the reply, or of a suggestion). `source`: `conversation` for an answer to the ' +
        'contact, `workflow` for a follow-up.',
      auth: conversationAiReadScopes,
      request: {
        query: z.object({ messageId: ResourceId, source: z.enum(['conversation', 'workflow']) }),
      },
      responses: {
        200: { description: 'What produced the message', schema: GenerationDetails },
        404: { description: 'No such generation in this organization', schema: NestError(404, 'Generation not found') },
      },
      async handle({ principal, query }) {
        const details = await explainGeneration.execute({ organizationId: principal.organizationId, ...query });
        return { status: 200, body: { ...details, faqs: [], website: [] } };
      },
    }),
  ].map(limitedWrite(config.rateLimits.conversationAiWrite));
}
