import type { TokenBudgetStatus } from '../../domain/token-budget.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';

const AiBudgetView = z
  .object({
    daily_token_budget: z.number().nullable().openapi({ description: 'The organization’s own budget, if set.' }),
    effective_daily_token_budget: z
      .number()
      .nullable()
      .openapi({ description: 'The budget in force: the lower of the organization’s and the service’s; null: none.' }),
    tokens_used_today: z.number(),
    exceeded: z.boolean(),
    resets_at: z.string().openapi({ description: 'The next 00:00 UTC.' }),
  })
  .openapi('AiBudget');

/** The organization's daily token budget (`/v1/ai/budget`, AI configuration). */
export function aiBudgetRoutes({ getAiBudget, setAiBudget }: UseCases) {
  const budgetView = (status: TokenBudgetStatus) => {
    return {
      daily_token_budget: status.organizationBudget,
      effective_daily_token_budget: status.budget,
      tokens_used_today: status.used,
      exceeded: status.exceeded,
      resets_at: status.resetsAt.toISOString(),
    };
  };

  return [
    defineRoute({
      method: 'put',
      path: '/v1/ai/budget',
      operationId: 'updateAiBudget',
      summary: 'Set the organization’s own daily token budget (below the service’s)',
      description:
        'Provider tokens the organization may spend per UTC day (reply turns, tool rounds, AI tests). The service’s budget ' +
        '(`AI_DAILY_TOKEN_BUDGET`) is a ceiling: the lower of the two applies. `null` clears the organization’s own. ' +
        'A turn over budget is skipped (AI log reason `budget_exceeded`) and `ai.budget.exceeded` is emitted once per day.',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      request: {
        body: z
          .object({ daily_token_budget: z.number().int().min(1).max(10_000_000_000).nullable() })
          .strict()
          .openapi('AiBudgetUpdate'),
      },
      responses: { 200: { description: 'The budget in force and today’s use', schema: AiBudgetView } },
      async handle({ principal, body }) {
        const status = await setAiBudget.execute({
          organizationId: principal.organizationId,
          budget: body.daily_token_budget,
        });
        return { status: 200, body: budgetView(status) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ai/budget',
      operationId: 'getAiBudget',
      summary: 'The organization’s daily token budget and today’s use',
      tags: ['AI configuration'],
      auth: { scopes: ['admin'] },
      responses: { 200: { description: 'The budget in force and today’s use', schema: AiBudgetView } },
      handle: async ({ principal }) => ({
        status: 200,
        body: budgetView(await getAiBudget.execute({ organizationId: principal.organizationId })),
      }),
    }),
  ];
}
