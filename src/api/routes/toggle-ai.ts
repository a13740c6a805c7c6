import type { UseCases } from '../../usecases/index.js';
import type { ErrorSurface } from '../errors.js';
import { z } from '../openapi-zod.js';
import { actorOf, defineRoute } from '../route.js';

/**
 * Seed 000's error bodies: `{ success: false, error }`, plus `message` on the 402. Bad input answers
 * 400 (not the seed implementation's 500) with the documented body.
 */
export const toggleAiSurface: ErrorSurface = {
  pathPrefix: '/api/',
  render(error) {
    if (error.status === 402) return { success: false, error: error.code, message: error.message };
    if (error.status === 401) return { success: false, error: 'UNAUTHORIZED' };
    if (error.status === 404) return { success: false, error: error.message };
    return { success: false, error: 'Error al cambiar estado de IA' };
  },
};

const ToggleAnswer = z
  .object({ success: z.boolean(), message: z.string().optional(), error: z.string().optional() })
  .openapi('ToggleAiAnswer');

export function toggleAiRoutes({ changeConversationControls }: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/conversations/{id}/toggle-ai',
      operationId: 'toggleAi',
      summary: 'Enable or disable AI responses for a conversation (seed 000)',
      description:
        'While AI is disabled, incoming messages are stored and get no automatic reply; enabling takes effect for the next message. ' +
        'Enabling answers 402 `INSUFFICIENT_FUNDS` while the provider is out of funds (checked only when enabling).',
      tags: ['Conversation control'],
      auth: { scopes: ['conversations.write'] },
      request: {
        params: z.object({
          id: z.coerce.number().int().positive().openapi({ type: 'integer', description: 'The conversation number' }),
        }),
        body: z.object({ ai_enabled: z.boolean() }).openapi('ToggleAi'),
      },
      responses: {
        200: { description: '`{"success": true, "message": "AI state updated successfully"}`', schema: ToggleAnswer },
        400: { description: 'Missing or invalid `ai_enabled` or id', schema: ToggleAnswer },
        401: { description: 'Missing or invalid credentials', schema: ToggleAnswer },
        402: { description: 'Provider out of funds', schema: ToggleAnswer },
        404: { description: 'No such conversation in this organization', schema: ToggleAnswer },
        503: {
          description:
            'The change is recorded but its conversation did not apply it within 15 s (a reply being generated holds it up); it still applies, `Retry-After: 2`',
          schema: ToggleAnswer,
        },
      },
      async handle({ principal, params, body }) {
        await changeConversationControls.execute({
          organizationId: principal.organizationId,
          conversation: { number: params.id },
          change: { aiEnabled: body.ai_enabled },
          actor: actorOf(principal),
        });
        return { status: 200, body: { success: true, message: 'AI state updated successfully' } };
      },
    }),
  ];
}
